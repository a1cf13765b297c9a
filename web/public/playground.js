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
    query: `# Connect or follow? (R29, needs the Authorization header): what you can do with a member
# now, and what connecting and following would each need and grant, or why not now.
query ConnectOrFollow($handle: String!) {
  member(handle: $handle) {
    name
    primaryButton
    relationship {
      capabilities
      options { action available unavailableBecause needsConsent needsEmail grants }
    }
  }
}
`,
    variables: '{"handle": "theo-winter"}',
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
  {
    query: `# Live notifications (R27, needs the Authorization header): run this, then from another
# tab or browser invite, follow or message the signed-in member; each notification appears
# here as it happens. Stop it with the same button.
subscription Live {
  notificationAdded {
    kind
    createdAt
    actor { handle name }
    invitation { id message }
    message { body }
    post { text }
  }
}
`,
  },
];

// Queries and mutations over HTTP; subscriptions over graphql-transport-ws on the same path,
// with the Headers pane's Authorization sent in connection_init (the contract's way).
const httpFetcher = GraphiQL.createFetcher({ url: "/graphql" });
const socketUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
let socket = null;
let socketAuthorization = null;

function isSubscription(params, options) {
  const ast = options && options.documentAST;
  if (!ast) return false;
  return ast.definitions.some(
    (d) =>
      d.kind === "OperationDefinition" &&
      d.operation === "subscription" &&
      (!params.operationName || (d.name && d.name.value === params.operationName)),
  );
}

function socketFor(authorization) {
  if (socket && socketAuthorization === authorization) return socket;
  if (socket) socket.dispose();
  socketAuthorization = authorization;
  socket = graphqlWs.createClient({
    url: socketUrl,
    connectionParams: authorization ? { Authorization: authorization } : {},
    lazy: true,
  });
  return socket;
}

function fetcher(params, options) {
  if (!isSubscription(params, options)) return httpFetcher(params, options);
  const headers = (options && options.headers) || {};
  const authorization = headers.Authorization || headers.authorization || null;
  return socketFor(authorization).iterate(params);
}

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
