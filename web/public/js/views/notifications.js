// Notifications (R26), newest first and paged; new ones arrive on top as they happen (R27).
// Each links to what it is about; an invitation can be answered right here.
import { request, mutate, gql } from "../api.js";
import { h, act, memberLink, when, pagedList } from "../ui.js";
import { NOTIFICATION_FIELDS, onNotification } from "../bell.js";

const PAGE = gql`query Notifications($after: String) {
  viewer { notifications(first: 20, after: $after) {
    unreadCount
    edges { cursor node { ${NOTIFICATION_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  } }
}`;
const MARK_ALL = gql`
  mutation MarkAllRead {
    markNotificationsRead(input: { upTo: null }) {
      unreadCount
      errors {
        code
        message
      }
    }
  }
`;
const PAYLOAD = "member { id } errors { code message }";
const ACCEPT = gql`mutation Accept($id: ID!) { acceptInvitation(invitationId: $id) { ${PAYLOAD} } }`;
const IGNORE = gql`mutation Ignore($id: ID!) { ignoreInvitation(invitationId: $id) { ${PAYLOAD} } }`;

function invitationButtons(n) {
  const answer = (mutation, field, done) => (event) =>
    act(event.currentTarget, () => mutate(mutation, { id: n.invitation.id }, field), done);
  return h(
    "div",
    { class: "actions" },
    h(
      "button",
      {
        type: "button",
        class: "primary",
        onclick: answer(ACCEPT, "acceptInvitation", `You and ${n.actor.name} are now connected.`),
      },
      "Accept",
    ),
    h(
      "button",
      { type: "button", onclick: answer(IGNORE, "ignoreInvitation", "Invitation ignored.") },
      "Ignore",
    ),
  );
}

// What happened, with the link to what it is about.
function story(n) {
  const actor = memberLink(n.actor);
  switch (n.kind) {
    case "INVITATION_RECEIVED":
      return [
        h(
          "p",
          {},
          actor,
          " invited you to connect. ",
          h("a", { href: "#/invitations" }, "All invitations"),
        ),
        invitationButtons(n),
      ];
    case "INVITATION_ACCEPTED":
      return [h("p", {}, actor, " accepted your invitation: you are now connected.")];
    case "NEW_FOLLOWER":
      return [h("p", {}, actor, " started following you.")];
    case "MESSAGE_RECEIVED":
      return [
        h(
          "p",
          {},
          actor,
          " sent you a message. ",
          h("a", { href: `#/messages/${n.actor.handle}` }, "Open the conversation"),
        ),
        n.message ? h("p", { class: "muted post" }, `“${n.message.body}”`) : null,
      ];
    case "POST_SHARED":
      return [
        h(
          "p",
          {},
          actor,
          " shared your post. ",
          n.post
            ? h("a", { href: `#/post/${encodeURIComponent(n.post.id)}` }, "See the share")
            : null,
        ),
      ];
    default:
      return [h("p", {}, actor, ` (${n.kind})`)];
  }
}

function item(n) {
  return h(
    "li",
    { class: n.read ? null : "unread", "data-kind": n.kind },
    n.read ? null : h("span", { class: "kind" }, "New"),
    story(n),
    h("p", { class: "muted" }, when(n.createdAt)),
  );
}

export async function render({ live }) {
  let unread = 0;
  const load = async (after) => {
    const { viewer } = await request(PAGE, { after });
    unread = viewer.notifications.unreadCount;
    return viewer.notifications;
  };
  const { element, list, none } = await pagedList(load, item, {
    label: "Notifications",
    empty:
      "Nothing yet: invitations, new followers, messages and shares of your posts show up here.",
  });
  const markAll = h("button", { type: "button", disabled: !unread }, "Mark all read");
  markAll.addEventListener("click", () =>
    act(
      markAll,
      () => mutate(MARK_ALL, {}, "markNotificationsRead"),
      "All notifications marked read.",
    ),
  );
  live.add(
    onNotification((n) => {
      list.prepend(item(n));
      none.hidden = true;
      markAll.disabled = false;
    }),
  );
  return h(
    "div",
    {},
    h("h1", {}, "Notifications"),
    h("div", { class: "actions" }, markAll),
    h("section", { class: "card" }, element),
  );
}
