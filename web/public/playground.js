// The playground: GraphiQL with ready-to-run example operations as tabs. Plain script (the
// vendored UMD builds define React, ReactDOM and GraphiQL as globals); the page's CSP allows no
// inline script, so this lives in its own file.

const HELP = `# Welcome to the Vernetzt API.
#
# 1. Run this tab (the ▶ button or Ctrl-Enter): it signs in as the demo member Lena Hoffmann.
#    Every demo member signs in with the password "vernetzt-demo-password";
#    e-mails are <first>.<last>@example.org, e.g. jonas.weber@example.org.
# 2. Copy the token from the result into the Headers pane (below the editor):
#      {"Authorization": "Bearer <token>"}
# 3. Run the other tabs. Without the header you are anonymous: public cards only.
`;

const tabs = [
  {
    query: `${HELP}
mutation SignIn {
  signIn(input: {email: "lena.hoffmann@example.org", password: "vernetzt-demo-password"}) {
    token
    member { handle name }
    errors { code message }
  }
}
`,
  },
  {
    query: `# A profile as the viewer sees it: degree, buttons (R2), counts, how you're connected.
query Profile($handle: String!) {
  member(handle: $handle) {
    name
    headline
    primaryButton
    degree
    followerCount
    connectionCount
    actions { primary secondary }
    relationship { isConnected isFollowing canMessage mutualConnectionCount }
    pathFromViewer { handle name }
    posts(first: 5) { edges { node { text audience createdAt } } }
  }
}
`,
    variables: '{"handle": "jan-meier"}',
  },
  {
    query: `# The signed-in member's feed, invitations and suggestions (needs the Authorization header).
query Me {
  viewer {
    email
    member { name connectionCount followerCount }
    invitationsReceived { totalCount edges { node { id from { name } message } } }
    peopleYouMayKnow(first: 5) {
      member { handle name }
      mutualConnectionCount
      mutualSample { name }
    }
    feed(first: 5) {
      edges { node { text author { ... on Member { name } ... on Company { name } } } }
    }
  }
}
`,
  },
  {
    query: `# Search members; each result carries the viewer's degree and buttons (R22).
query Search {
  searchMembers(query: "engineer", first: 5) {
    totalCount
    edges { node { handle name headline degree actions { primary } } }
  }
}
`,
  },
  {
    query: `# Follow a member who chose the FOLLOW button (R13): immediate, no consent needed.
# Look up the id first with the Profile tab (add "id" to its selection).
mutation Follow($id: ID!) {
  follow(id: $id) {
    target { ... on Member { name followerCount } }
    errors { code message }
  }
}
`,
    variables: '{"id": "paste a member id here"}',
  },
];

const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
const root = ReactDOM.createRoot(document.getElementById("graphiql"));
root.render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultTabs: tabs,
    defaultEditorToolsVisibility: "headers",
    // No default header: a wrong token refuses the whole request, sign-in included.
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
