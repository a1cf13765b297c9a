// Invitations: the inbox (accept, ignore, R7/R8) and the sent ones (withdraw, R8).
import { request, mutate } from "../api.js";
import { h, act, memberLink, degreeBadge, when } from "../ui.js";

const INVITATIONS = `query Invitations {
  viewer {
    invitationQuota { limit remaining resetsAt }
    invitationsReceived(first: 50) { totalCount edges { node { id message sentAt from { handle name headline degree } } } }
    invitationsSent(first: 50) { totalCount edges { node { id message sentAt to { handle name headline degree } } } }
  }
}`;
const PAYLOAD = "member { id } errors { code message }";
const ACCEPT = `mutation Accept($id: ID!) { acceptInvitation(invitationId: $id) { ${PAYLOAD} } }`;
const IGNORE = `mutation Ignore($id: ID!) { ignoreInvitation(invitationId: $id) { ${PAYLOAD} } }`;
const WITHDRAW = `mutation Withdraw($id: ID!) { withdrawInvitation(invitationId: $id) { ${PAYLOAD} } }`;

function item(invitation, other, buttons) {
  return h(
    "li",
    { "aria-label": `Invitation ${other === invitation.from ? "from" : "to"} ${other.name}` },
    h("div", { class: "row" }, memberLink(other), degreeBadge(other.degree), h("span", { class: "muted" }, other.headline || "")),
    invitation.message ? h("p", {}, `“${invitation.message}”`) : null,
    h("p", { class: "muted" }, "Sent ", when(invitation.sentAt)),
    h("div", { class: "actions" }, buttons),
  );
}

export async function render() {
  const { viewer } = await request(INVITATIONS);
  const received = viewer.invitationsReceived.edges.map(({ node }) =>
    item(node, node.from, [
      h("button", { type: "button", class: "primary", onclick: (e) => act(e.currentTarget, () => mutate(ACCEPT, { id: node.id }, "acceptInvitation"), `You and ${node.from.name} are now connected.`) }, "Accept"),
      h("button", { type: "button", onclick: (e) => act(e.currentTarget, () => mutate(IGNORE, { id: node.id }, "ignoreInvitation"), "Invitation ignored.") }, "Ignore"),
    ]),
  );
  const sent = viewer.invitationsSent.edges.map(({ node }) =>
    item(node, node.to, [
      h("button", { type: "button", onclick: (e) => act(e.currentTarget, () => mutate(WITHDRAW, { id: node.id }, "withdrawInvitation"), "Invitation withdrawn.") }, "Withdraw"),
    ]),
  );
  const quota = viewer.invitationQuota;
  return h(
    "div",
    {},
    h("h1", {}, "Invitations"),
    h(
      "section",
      { class: "card", "aria-labelledby": "received" },
      h("h2", { id: "received" }, `Received (${viewer.invitationsReceived.totalCount})`),
      received.length ? h("ul", { class: "list" }, received) : h("p", { class: "muted" }, "No invitations waiting."),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "sent" },
      h("h2", { id: "sent" }, `Sent (${viewer.invitationsSent.totalCount})`),
      h("p", { class: "muted" }, `You can send ${quota.remaining} more of ${quota.limit} invitations this week.`),
      sent.length ? h("ul", { class: "list" }, sent) : h("p", { class: "muted" }, "No pending invitations."),
    ),
  );
}
