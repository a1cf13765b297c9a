// A member's profile: card, degree, counts, the R2 buttons (each performs its mutation and the
// page re-renders), how you're connected (R23), connections (R11) and posts (R17).
import { request, mutate, session } from "../api.js";
import { h, act, degreeBadge, memberLink, field } from "../ui.js";
import { POST_FIELDS, renderPost } from "./posts.js";

const PROFILE = `query Profile($handle: String!) {
  member(handle: $handle) {
    id handle name headline primaryButton degree
    followerCount followingCount connectionCount
    worksAt { handle name }
    actions { primary secondary }
    relationship {
      isConnected isFollowing isFollowedBy canMessage canViewConnections mutualConnectionCount
      invitationSent { id } invitationReceived { id message }
    }
    pathFromViewer { handle name }
    connections(first: 50) { totalCount edges { node { handle name headline degree } } }
    posts(first: 20) { edges { node { ${POST_FIELDS} } } }
  }
}`;

const PAYLOAD = "member { id } errors { code message }";
const M = {
  follow: `mutation Follow($id: ID!) { follow(id: $id) { errors { code message } } }`,
  unfollow: `mutation Unfollow($id: ID!) { unfollow(id: $id) { errors { code message } } }`,
  invite: `mutation Invite($input: SendInvitationInput!) { sendInvitation(input: $input) { ${PAYLOAD} } }`,
  accept: `mutation Accept($id: ID!) { acceptInvitation(invitationId: $id) { ${PAYLOAD} } }`,
  ignore: `mutation Ignore($id: ID!) { ignoreInvitation(invitationId: $id) { ${PAYLOAD} } }`,
  withdraw: `mutation Withdraw($id: ID!) { withdrawInvitation(invitationId: $id) { ${PAYLOAD} } }`,
  remove: `mutation Remove($id: ID!) { removeConnection(memberId: $id) { ${PAYLOAD} } }`,
  block: `mutation Block($id: ID!) { block(memberId: $id) { blocked { name } errors { code message } } }`,
  edit: `mutation Edit($input: UpdateProfileInput!) { updateProfile(input: $input) { member { name } errors { code message } } }`,
};

const LABELS = {
  EDIT_PROFILE: "Edit profile", CONNECT: "Connect", FOLLOW: "Follow", UNFOLLOW: "Unfollow",
  MESSAGE: "Message", INMAIL: "InMail", PENDING: "Pending", WITHDRAW: "Withdraw invitation",
  ACCEPT: "Accept", IGNORE: "Ignore", REMOVE_CONNECTION: "Remove connection", BLOCK: "Block",
};

// Buttons that open a form below the card instead of acting at once.
function connectForm(member) {
  const note = h("textarea", { name: "message", maxlength: "300" });
  const email = h("input", { type: "email", name: "email", autocomplete: "off" });
  const send = h("button", { type: "submit", class: "primary" }, "Send invitation");
  return h(
    "form",
    {
      class: "card stack",
      "aria-label": `Invite ${member.name} to connect`,
      onsubmit: (event) => {
        event.preventDefault();
        const input = { memberId: member.id, message: note.value || null, email: email.value || null };
        act(send, () => mutate(M.invite, { input }, "sendInvitation"), `Invitation sent to ${member.name}.`);
      },
    },
    h("h2", {}, `Connect with ${member.name}`),
    field("Add a note (optional, up to 300 characters)", note),
    field("Their e-mail address (only if they ask for it)", email),
    h("div", {}, send),
  );
}

function editForm(member) {
  const name = h("input", { name: "name", value: member.name, required: true });
  const headline = h("input", { name: "headline", value: member.headline || "" });
  const save = h("button", { type: "submit", class: "primary" }, "Save profile");
  return h(
    "form",
    {
      class: "card stack",
      "aria-label": "Edit your profile",
      onsubmit: (event) => {
        event.preventDefault();
        act(save, () => mutate(M.edit, { input: { name: name.value, headline: headline.value } }, "updateProfile"), "Profile saved.");
      },
    },
    h("h2", {}, "Edit your profile"),
    field("Name", name),
    field("Headline", headline),
    h("div", {}, save),
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
      return h("button", { ...attrs, onclick: run(M.follow, { id: member.id }, "follow", `You now follow ${member.name}.`) }, label);
    case "UNFOLLOW":
      return h("button", { ...attrs, onclick: run(M.unfollow, { id: member.id }, "unfollow", `You no longer follow ${member.name}.`) }, label);
    case "ACCEPT":
      return h("button", { ...attrs, onclick: run(M.accept, { id: rel.invitationReceived && rel.invitationReceived.id }, "acceptInvitation", `You and ${member.name} are now connected.`) }, label);
    case "IGNORE":
      return h("button", { ...attrs, onclick: run(M.ignore, { id: rel.invitationReceived && rel.invitationReceived.id }, "ignoreInvitation", "Invitation ignored.") }, label);
    case "WITHDRAW":
      return h("button", { ...attrs, onclick: run(M.withdraw, { id: rel.invitationSent && rel.invitationSent.id }, "withdrawInvitation", "Invitation withdrawn.") }, label);
    case "REMOVE_CONNECTION":
      return h("button", { ...attrs, onclick: run(M.remove, { id: member.id }, "removeConnection", `${member.name} is no longer a connection.`) }, label);
    case "BLOCK":
      return h("button", { ...attrs, onclick: run(M.block, { id: member.id }, "block", `You blocked ${member.name}.`) }, label);
    case "PENDING":
      // Not an action: the invitation waits for the other member (withdraw is secondary).
      return h("button", { ...attrs, disabled: true }, "Pending");
    case "MESSAGE":
      return h("button", { ...attrs, onclick: () => (location.hash = `#/messages/${member.handle}`) }, label);
    case "INMAIL":
      return h("button", { ...attrs, onclick: () => (location.hash = `#/messages/${member.handle}`) }, label);
    case "CONNECT":
      return h("button", { ...attrs, "aria-expanded": "false", onclick: (e) => openForm(e.currentTarget, connectForm(member)) }, label);
    case "EDIT_PROFILE":
      return h("button", { ...attrs, "aria-expanded": "false", onclick: (e) => openForm(e.currentTarget, editForm(member)) }, label);
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

function connectionsCard(member) {
  const list = member.connections;
  if (!list) {
    const why = member.degree === "SELF" ? "" : `${member.name}'s connections are visible to their connections only.`;
    return why ? h("section", { class: "card" }, h("h2", {}, "Connections"), h("p", { class: "muted" }, why)) : null;
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "conns" },
    h("h2", { id: "conns" }, `Connections (${list.totalCount})`),
    list.edges.length
      ? h("ul", { class: "list" }, list.edges.map(({ node }) => h("li", { class: "row" }, memberLink(node), degreeBadge(node.degree), h("span", { class: "muted" }, node.headline || ""))))
      : h("p", { class: "muted" }, "No connections yet."),
  );
}

export async function render({ args }) {
  const handle = args[0] || (session.get() || {}).handle;
  const { member } = await request(PROFILE, { handle });
  if (!member) return h("section", { class: "card" }, h("h1", {}, "Member not found"), h("p", {}, "There is no member with this handle, or they are not visible to you."));
  const rel = member.relationship;
  const formSlot = h("div", {});
  let opener = null;
  // Toggles the form of Connect / Edit profile below the card, keeping focus where it belongs.
  const openForm = (button, form) => {
    const same = opener === button && formSlot.firstChild;
    formSlot.replaceChildren(same ? "" : form);
    if (opener) opener.setAttribute("aria-expanded", "false");
    opener = same ? null : button;
    if (opener) {
      button.setAttribute("aria-expanded", "true");
      const first = form.querySelector("input, textarea");
      if (first) first.focus();
    }
  };
  const actions = [];
  if (member.actions.primary) actions.push(actionButton(member.actions.primary, member, true, openForm));
  for (const action of member.actions.secondary) actions.push(actionButton(action, member, false, openForm));
  const card = h(
    "section",
    { class: "card profile", "aria-labelledby": "name" },
    h("div", { class: "row" }, h("h1", { id: "name" }, member.name), degreeBadge(member.degree)),
    member.headline ? h("p", { class: "headline" }, member.headline) : null,
    member.worksAt ? h("p", {}, "Works at ", h("a", { href: `#/company/${member.worksAt.handle}` }, member.worksAt.name)) : null,
    h(
      "ul",
      { class: "counts" },
      h("li", {}, h("strong", {}, member.followerCount), member.followerCount === 1 ? " follower" : " followers"),
      h("li", {}, h("strong", {}, member.connectionCount), member.connectionCount === 1 ? " connection" : " connections"),
      h("li", {}, h("strong", {}, member.followingCount), " following"),
      rel && rel.mutualConnectionCount && member.degree !== "SELF" ? h("li", {}, h("strong", {}, rel.mutualConnectionCount), " mutual") : null,
    ),
    rel && rel.isFollowedBy && member.degree !== "SELF" ? h("p", { class: "muted" }, `${member.name} follows you.`) : null,
    rel && rel.invitationReceived && rel.invitationReceived.message ? h("p", {}, `Their note: “${rel.invitationReceived.message}”`) : null,
    actions.length ? h("div", { class: "actions", role: "group", "aria-label": "Actions" }, actions) : null,
    session.get() ? null : h("p", {}, h("a", { href: "#/signin" }, "Sign in"), " to connect, follow or message."),
  );
  const posts = member.posts.edges.map(({ node }) => renderPost(node));
  return h(
    "div",
    {},
    card,
    formSlot,
    howConnected(member),
    connectionsCard(member),
    h("section", { "aria-labelledby": "posts" }, h("h2", { id: "posts" }, "Posts"), posts.length ? posts : h("p", { class: "muted" }, "No posts to show.")),
  );
}

