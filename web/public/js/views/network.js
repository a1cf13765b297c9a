// My network: people you may know with the mutual evidence (R21), and the viewer's connections.
import { request, mutate } from "../api.js";
import { h, act, memberLink, degreeBadge } from "../ui.js";

const NETWORK = `query Network {
  viewer {
    member { handle connections(first: 50) { totalCount edges { node { handle name headline degree } } } }
    peopleYouMayKnow(first: 10) {
      member { id handle name headline degree actions { primary secondary } }
      mutualConnectionCount
      mutualSample { handle name }
    }
  }
}`;
const INVITE = `mutation Invite($input: SendInvitationInput!) {
  sendInvitation(input: $input) { member { id } errors { code message } }
}`;
const DISMISS = `mutation Dismiss($id: ID!) { dismissSuggestion(memberId: $id) { member { id } errors { code message } } }`;

function suggestion({ member, mutualConnectionCount, mutualSample }) {
  const names = mutualSample.map((m, i) => [i ? ", " : "", memberLink(m)]);
  const more = mutualConnectionCount - mutualSample.length;
  const offered = [member.actions.primary, ...member.actions.secondary];
  return h(
    "li",
    { "aria-label": member.name },
    h("div", { class: "row" }, memberLink(member), degreeBadge(member.degree), h("span", { class: "muted" }, member.headline || "")),
    h(
      "p",
      {},
      `${mutualConnectionCount} mutual connection${mutualConnectionCount === 1 ? "" : "s"}: `,
      names,
      more > 0 ? ` and ${more} more` : "",
    ),
    h(
      "div",
      { class: "actions" },
      offered.includes("CONNECT")
        ? h("button", { type: "button", class: "primary", onclick: (e) => act(e.currentTarget, () => mutate(INVITE, { input: { memberId: member.id } }, "sendInvitation"), `Invitation sent to ${member.name}.`) }, "Connect")
        : h("a", { class: "button", href: `#/profile/${member.handle}` }, "View profile"),
      h("button", { type: "button", onclick: (e) => act(e.currentTarget, () => mutate(DISMISS, { id: member.id }, "dismissSuggestion"), `${member.name} will not be suggested again.`) }, "Dismiss"),
    ),
  );
}

export async function render() {
  const { viewer } = await request(NETWORK);
  const connections = viewer.member.connections;
  return h(
    "div",
    {},
    h("h1", {}, "My network"),
    h(
      "section",
      { class: "card", "aria-labelledby": "pymk" },
      h("h2", { id: "pymk" }, "People you may know"),
      viewer.peopleYouMayKnow.length
        ? h("ul", { class: "list" }, viewer.peopleYouMayKnow.map(suggestion))
        : h("p", { class: "muted" }, "No suggestions right now."),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "mine" },
      h("h2", { id: "mine" }, `Your connections (${connections.totalCount})`),
      connections.edges.length
        ? h("ul", { class: "list" }, connections.edges.map(({ node }) => h("li", { class: "row" }, memberLink(node), degreeBadge(node.degree), h("span", { class: "muted" }, node.headline || ""))))
        : h("p", { class: "muted" }, "No connections yet."),
    ),
  );
}
