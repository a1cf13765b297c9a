// Invitations: the inbox (accept, ignore, R7/R8) and the sent ones (withdraw, R8), each paged
// with the API's cursors.
import { request, mutate, gql } from "../api.js";
import { h, act, memberLink, degreeBadge, when, pagedList } from "../ui.js";

const INVITATIONS = gql`
  query Invitations {
    viewer {
      invitationQuota {
        limit
        remaining
        resetsAt
      }
      invitationsReceived(first: 0) {
        totalCount
      }
      invitationsSent(first: 0) {
        totalCount
      }
    }
  }
`;
const PERSON = "handle name headline degree";
const PAGE = (
  list,
  other,
) => gql`query Page($after: String) { viewer { ${list}(first: 10, after: $after) {
  edges { cursor node { id message sentAt ${other} { ${PERSON} } } } pageInfo { hasNextPage endCursor } } } }`;
const RECEIVED = PAGE("invitationsReceived", "from");
const SENT = PAGE("invitationsSent", "to");
const PAYLOAD = "member { id } errors { code message }";
const ACCEPT = gql`mutation Accept($id: ID!) { acceptInvitation(invitationId: $id) { ${PAYLOAD} } }`;
const IGNORE = gql`mutation Ignore($id: ID!) { ignoreInvitation(invitationId: $id) { ${PAYLOAD} } }`;
const WITHDRAW = gql`mutation Withdraw($id: ID!) { withdrawInvitation(invitationId: $id) { ${PAYLOAD} } }`;

function item(invitation, other, buttons) {
  return h(
    "li",
    { "aria-label": `Invitation ${other === invitation.from ? "from" : "to"} ${other.name}` },
    h(
      "div",
      { class: "row" },
      memberLink(other),
      degreeBadge(other.degree),
      h("span", { class: "muted" }, other.headline || ""),
    ),
    invitation.message ? h("p", {}, `“${invitation.message}”`) : null,
    h("p", { class: "muted" }, "Sent ", when(invitation.sentAt)),
    h("div", { class: "actions" }, buttons),
  );
}

const receivedItem = (node) =>
  item(node, node.from, [
    h(
      "button",
      {
        type: "button",
        class: "primary",
        onclick: (e) =>
          act(
            e.currentTarget,
            () => mutate(ACCEPT, { id: node.id }, "acceptInvitation"),
            `You and ${node.from.name} are now connected.`,
          ),
      },
      "Accept",
    ),
    h(
      "button",
      {
        type: "button",
        onclick: (e) =>
          act(
            e.currentTarget,
            () => mutate(IGNORE, { id: node.id }, "ignoreInvitation"),
            "Invitation ignored.",
          ),
      },
      "Ignore",
    ),
  ]);
const sentItem = (node) =>
  item(node, node.to, [
    h(
      "button",
      {
        type: "button",
        onclick: (e) =>
          act(
            e.currentTarget,
            () => mutate(WITHDRAW, { id: node.id }, "withdrawInvitation"),
            "Invitation withdrawn.",
          ),
      },
      "Withdraw",
    ),
  ]);

export async function render() {
  const [{ viewer }, received, sent] = await Promise.all([
    request(INVITATIONS),
    pagedList(
      async (after) => (await request(RECEIVED, { after })).viewer.invitationsReceived,
      receivedItem,
      {
        label: "Invitations received",
        empty: "No invitations waiting.",
      },
    ),
    pagedList(async (after) => (await request(SENT, { after })).viewer.invitationsSent, sentItem, {
      label: "Invitations sent",
      empty: "No pending invitations.",
    }),
  ]);
  const quota = viewer.invitationQuota;
  return h(
    "div",
    {},
    h("h1", {}, "Invitations"),
    h(
      "section",
      { class: "card", "aria-labelledby": "received" },
      h("h2", { id: "received" }, `Received (${viewer.invitationsReceived.totalCount})`),
      received.element,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "sent" },
      h("h2", { id: "sent" }, `Sent (${viewer.invitationsSent.totalCount})`),
      h(
        "p",
        { class: "muted" },
        `You can send ${quota.remaining} more of ${quota.limit} invitations this week.`,
      ),
      sent.element,
    ),
  );
}
