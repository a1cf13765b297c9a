// A member's profile: card, degree, counts, the R2 buttons (each performs its mutation and the
// page re-renders), how you're connected (R23), mutual connections and connections (R11), on
// one's own profile the followers and the following (R14), and posts (R17). Every list pages
// with the API's cursors.
import { request, mutate, session, gql } from "../api.js";
import {
  h,
  act,
  degreeBadge,
  memberLink,
  authorLink,
  field,
  pagedList,
  withFieldErrors,
} from "../ui.js";
import { POST_FIELDS, postList } from "./posts.js";
import { EXPLAIN_FIELDS, explainPanel } from "./explain.js";

const PROFILE = gql`query Profile($handle: String!) {
  member(handle: $handle) {
    id handle name headline primaryButton degree
    followerCount followingCount connectionCount
    worksAt { handle name }
    actions { primary secondary }
    relationship {
      isConnected isFollowing isFollowedBy canMessage canViewConnections mutualConnectionCount
      connectNeedsEmail invitationSent { id } invitationReceived { id message }
      ${EXPLAIN_FIELDS}
    }
    pathFromViewer { handle name }
    connections(first: 0) { totalCount }
  }
}`;

// One page of a list: `first: 10` keeps paging visible on the demo network.
const PAGE = "first: 10, after: $after";
const EDGES = (fields) => `edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor }`;
const PERSON = "handle name headline degree";
const LISTS = {
  connections: gql`query Connections($handle: String!, $after: String) {
    member(handle: $handle) { list: connections(${PAGE}) { ${EDGES(PERSON)} } } }`,
  mutual: gql`query Mutual($handle: String!, $after: String) {
    member(handle: $handle) { list: mutualConnections(${PAGE}) { ${EDGES(PERSON)} } } }`,
  posts: gql`query Posts($handle: String!, $after: String) {
    member(handle: $handle) { list: posts(${PAGE}) { ${EDGES(POST_FIELDS)} } } }`,
  followers: gql`query Followers($after: String) { viewer { list: followers(${PAGE}) { ${EDGES(PERSON)} } } }`,
  following: gql`query Following($after: String) { viewer { list: following(${PAGE}) {
    ${EDGES("__typename ... on Member { handle name headline degree } ... on Company { handle name description }")} } } }`,
};

const PAYLOAD = "member { id } errors { code message field }";
const M = {
  follow: gql`
    mutation Follow($id: ID!) {
      follow(id: $id) {
        errors {
          code
          message
        }
      }
    }
  `,
  unfollow: gql`
    mutation Unfollow($id: ID!) {
      unfollow(id: $id) {
        errors {
          code
          message
        }
      }
    }
  `,
  invite: gql`mutation Invite($input: SendInvitationInput!) { sendInvitation(input: $input) { ${PAYLOAD} } }`,
  accept: gql`mutation Accept($id: ID!) { acceptInvitation(invitationId: $id) { ${PAYLOAD} } }`,
  ignore: gql`mutation Ignore($id: ID!) { ignoreInvitation(invitationId: $id) { ${PAYLOAD} } }`,
  withdraw: gql`mutation Withdraw($id: ID!) { withdrawInvitation(invitationId: $id) { ${PAYLOAD} } }`,
  remove: gql`mutation Remove($id: ID!) { removeConnection(memberId: $id) { ${PAYLOAD} } }`,
  block: gql`
    mutation Block($id: ID!) {
      block(memberId: $id) {
        blocked {
          name
        }
        errors {
          code
          message
        }
      }
    }
  `,
};

const LABELS = {
  EDIT_PROFILE: "Edit profile",
  CONNECT: "Connect",
  FOLLOW: "Follow",
  UNFOLLOW: "Unfollow",
  MESSAGE: "Message",
  INMAIL: "InMail",
  PENDING: "Pending",
  WITHDRAW: "Withdraw invitation",
  ACCEPT: "Accept",
  IGNORE: "Ignore",
  REMOVE_CONNECTION: "Remove connection",
  BLOCK: "Block",
};

// The invitation form of every Connect button (profile, people you may know). Under
// KNOWS_EMAIL (R5) it asks for the address first: a refused attempt would use up one
// invitation of the weekly quota, so nothing is sent without it. Cancel sends nothing.
// `heading`: the form's heading level where it is shown.
export function connectForm(member, onCancel, heading = "h2") {
  const needsEmail = member.relationship && member.relationship.connectNeedsEmail;
  const note = h("textarea", { name: "message", maxlength: "300" });
  const email = needsEmail
    ? h("input", { type: "email", name: "email", autocomplete: "off", required: true })
    : null;
  const send = h("button", { type: "submit", class: "primary" }, "Send invitation");
  const cancel = h("button", { type: "button", onclick: onCancel }, "Cancel");
  const controls = email ? { message: note, email } : { message: note };
  return h(
    "form",
    {
      class: "card stack",
      "aria-label": `Invite ${member.name} to connect`,
      onsubmit: (event) => {
        event.preventDefault();
        const input = {
          memberId: member.id,
          message: note.value || null,
          email: email ? email.value.trim() : null,
        };
        const invite = () => mutate(M.invite, { input }, "sendInvitation");
        act(send, withFieldErrors(controls, invite), `Invitation sent to ${member.name}.`);
      },
    },
    h(heading, {}, `Connect with ${member.name}`),
    email
      ? h(
          "p",
          {},
          `${member.name} accepts invitations only from people who know their e-mail address. A wrong address uses up one of your weekly invitations.`,
        )
      : null,
    email ? field("E-mail", email) : null,
    field("Add a note (optional, up to 300 characters)", note),
    h("div", { class: "actions" }, send, cancel),
  );
}

function actionButton(action, member, primary, openForm) {
  const rel = member.relationship || {};
  const label = LABELS[action] || action;
  const attrs = { type: "button", class: primary ? "primary" : null, "data-action": action };
  const run = (mutation, variables, field, done) => (event) =>
    act(event.currentTarget, () => mutate(mutation, variables, field), done);
  switch (action) {
    case "FOLLOW":
      return h(
        "button",
        {
          ...attrs,
          onclick: run(M.follow, { id: member.id }, "follow", `You now follow ${member.name}.`),
        },
        label,
      );
    case "UNFOLLOW":
      return h(
        "button",
        {
          ...attrs,
          onclick: run(
            M.unfollow,
            { id: member.id },
            "unfollow",
            `You no longer follow ${member.name}.`,
          ),
        },
        label,
      );
    case "ACCEPT":
      return h(
        "button",
        {
          ...attrs,
          onclick: run(
            M.accept,
            { id: rel.invitationReceived && rel.invitationReceived.id },
            "acceptInvitation",
            `You and ${member.name} are now connected.`,
          ),
        },
        label,
      );
    case "IGNORE":
      return h(
        "button",
        {
          ...attrs,
          onclick: run(
            M.ignore,
            { id: rel.invitationReceived && rel.invitationReceived.id },
            "ignoreInvitation",
            "Invitation ignored.",
          ),
        },
        label,
      );
    case "WITHDRAW":
      return h(
        "button",
        {
          ...attrs,
          onclick: run(
            M.withdraw,
            { id: rel.invitationSent && rel.invitationSent.id },
            "withdrawInvitation",
            "Invitation withdrawn.",
          ),
        },
        label,
      );
    case "REMOVE_CONNECTION":
      return h(
        "button",
        {
          ...attrs,
          onclick: run(
            M.remove,
            { id: member.id },
            "removeConnection",
            `${member.name} is no longer a connection.`,
          ),
        },
        label,
      );
    case "BLOCK":
      return h(
        "button",
        {
          ...attrs,
          onclick: run(M.block, { id: member.id }, "block", `You blocked ${member.name}.`),
        },
        label,
      );
    case "PENDING":
      // Not an action: the invitation waits for the other member (withdraw is secondary).
      return h("button", { ...attrs, disabled: true }, "Pending");
    case "MESSAGE":
      return h(
        "button",
        { ...attrs, onclick: () => (location.hash = `#/messages/${member.handle}`) },
        label,
      );
    case "INMAIL":
      return h(
        "button",
        { ...attrs, onclick: () => (location.hash = `#/messages/${member.handle}`) },
        label,
      );
    case "CONNECT":
      return h(
        "button",
        {
          ...attrs,
          "aria-expanded": "false",
          onclick: (e) => {
            const button = e.currentTarget;
            openForm(
              button,
              connectForm(member, () => openForm(button)),
            );
          },
        },
        label,
      );
    case "EDIT_PROFILE":
      // One place edits the profile: the settings page, with the rest of the member's choices.
      return h("button", { ...attrs, onclick: () => (location.hash = "#/settings") }, label);
    default:
      return h("button", { ...attrs, disabled: true }, label);
  }
}

function howConnected(member) {
  if (!member.pathFromViewer) return null;
  const steps = member.pathFromViewer.map((step, i) => {
    if (!step) return h("li", { class: "muted" }, "a member you cannot see");
    if (i === 0) return h("li", {}, "You");
    return h("li", {}, memberLink(step));
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "how" },
    h("h2", { id: "how" }, "How you're connected"),
    h("ol", { class: "path" }, steps),
  );
}

function personItem(node) {
  return h(
    "li",
    { class: "row" },
    authorLink(node),
    degreeBadge(node.degree),
    h("span", { class: "muted" }, node.headline || node.description || ""),
  );
}

// A card with a heading and a list paged over `query`'s `list` (of `member` or `viewer`).
async function listCard(id, title, label, query, handle, empty) {
  const load = async (after) => {
    const data = await request(query, { handle, after });
    return (data.member || data.viewer).list;
  };
  const paged = await pagedList(load, personItem, { label, empty });
  return h(
    "section",
    { class: "card", "aria-labelledby": id },
    h("h2", { id }, title),
    paged.element,
  );
}

// Whether the member shows their connections to their connections (R11), as the explanation
// says (R29): what connecting grants, available now or not.
function shownToConnections(member) {
  const rel = member.relationship || {};
  const connect = (rel.options || []).find((option) => option.action === "CONNECT");
  return connect ? connect.grants.includes("SEE_THEIR_CONNECTIONS") : !rel.isConnected;
}

function connectionsCard(member) {
  if (!member.connections) {
    let why = "";
    if (member.degree !== "SELF")
      why = shownToConnections(member)
        ? `${member.name}'s connections are visible to their connections only.`
        : `${member.name} keeps their connections hidden, even from their connections.`;
    return why
      ? h("section", { class: "card" }, h("h2", {}, "Connections"), h("p", { class: "muted" }, why))
      : null;
  }
  const title = `Connections (${member.connections.totalCount})`;
  return listCard(
    "conns",
    title,
    "Connections",
    LISTS.connections,
    member.handle,
    "No connections yet.",
  );
}

// The member lists of a profile, in page order: on another member's profile the mutual
// connections (R11: always visible to a signed-in viewer) and their connections; on one's own
// the connections, followers and following (R14: only the member sees these two).
function memberLists(member) {
  const rel = member.relationship;
  if (member.degree === "SELF") {
    return [
      connectionsCard(member),
      listCard(
        "followers",
        `Followers (${member.followerCount})`,
        "Followers",
        LISTS.followers,
        null,
        "No followers yet.",
      ),
      listCard(
        "following",
        `Following (${member.followingCount})`,
        "Following",
        LISTS.following,
        null,
        "You follow no one yet.",
      ),
    ];
  }
  const mutual =
    rel && rel.mutualConnectionCount
      ? listCard(
          "mutual",
          `Mutual connections (${rel.mutualConnectionCount})`,
          "Mutual connections",
          LISTS.mutual,
          member.handle,
          "",
        )
      : null;
  return [mutual, connectionsCard(member)];
}

export async function render({ args }) {
  const handle = args[0] || (session.get() || {}).handle;
  const { member } = await request(PROFILE, { handle });
  if (!member)
    return h(
      "section",
      { class: "card" },
      h("h1", {}, "Member not found"),
      h("p", {}, "There is no member with this handle, or they are not visible to you."),
    );
  const rel = member.relationship;
  const formSlot = h("div", {});
  let opener = null;
  // Toggles the form of Connect / Edit profile below the card, keeping focus where it belongs.
  // Opening it again (or its Cancel) closes it and gives the focus back to its button.
  const openForm = (button, form) => {
    const same = opener === button && formSlot.firstChild;
    if (same) formSlot.replaceChildren();
    else formSlot.replaceChildren(form);
    if (opener) opener.setAttribute("aria-expanded", "false");
    opener = same ? null : button;
    if (opener) {
      button.setAttribute("aria-expanded", "true");
      const first = form.querySelector("input, textarea");
      if (first) first.focus();
    } else button.focus();
  };
  const actions = [];
  if (member.actions.primary)
    actions.push(actionButton(member.actions.primary, member, true, openForm));
  for (const action of member.actions.secondary)
    actions.push(actionButton(action, member, false, openForm));
  const card = h(
    "section",
    { class: "card profile", "aria-labelledby": "name" },
    h("div", { class: "row" }, h("h1", { id: "name" }, member.name), degreeBadge(member.degree)),
    member.headline ? h("p", { class: "headline" }, member.headline) : null,
    member.worksAt
      ? h(
          "p",
          {},
          "Works at ",
          h("a", { href: `#/company/${member.worksAt.handle}` }, member.worksAt.name),
        )
      : null,
    h(
      "ul",
      { class: "counts" },
      h(
        "li",
        {},
        h("strong", {}, member.followerCount),
        member.followerCount === 1 ? " follower" : " followers",
      ),
      h(
        "li",
        {},
        h("strong", {}, member.connectionCount),
        member.connectionCount === 1 ? " connection" : " connections",
      ),
      h("li", {}, h("strong", {}, member.followingCount), " following"),
      rel && rel.mutualConnectionCount && member.degree !== "SELF"
        ? h("li", {}, h("strong", {}, rel.mutualConnectionCount), " mutual")
        : null,
    ),
    rel && rel.isFollowedBy && member.degree !== "SELF"
      ? h("p", { class: "muted" }, `${member.name} follows you.`)
      : null,
    rel && rel.invitationReceived && rel.invitationReceived.message
      ? h("p", {}, `Their note: “${rel.invitationReceived.message}”`)
      : null,
    actions.length
      ? h("div", { class: "actions", role: "group", "aria-label": "Actions" }, actions)
      : null,
    session.get()
      ? null
      : h("p", {}, h("a", { href: "#/signin" }, "Sign in"), " to connect, follow or message."),
  );
  const loadPosts = async (after) =>
    (await request(LISTS.posts, { handle: member.handle, after })).member.list;
  const [posts, ...lists] = await Promise.all([
    postList(loadPosts, { label: "Posts", empty: "No posts to show." }),
    ...memberLists(member),
  ]);
  return h(
    "div",
    {},
    card,
    formSlot,
    explainPanel(member),
    howConnected(member),
    lists,
    h("section", { "aria-labelledby": "posts" }, h("h2", { id: "posts" }, "Posts"), posts.element),
  );
}
