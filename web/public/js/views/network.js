// My network: people you may know with the mutual evidence (R21), and the viewer's connections,
// paged with the API's cursors.
import { request, mutate, gql } from "../api.js";
import { h, act, memberLink, degreeBadge, pagedList } from "../ui.js";
import { connectForm } from "./profile.js";

const NETWORK = gql`
  query Network {
    viewer {
      member {
        connectionCount
      }
      peopleYouMayKnow(first: 10) {
        member {
          id
          handle
          name
          headline
          degree
          actions {
            primary
            secondary
          }
          relationship {
            connectNeedsEmail
          }
        }
        mutualConnectionCount
        mutualSample {
          handle
          name
        }
      }
    }
  }
`;
const CONNECTIONS = gql`
  query Connections($after: String) {
    viewer {
      member {
        connections(first: 10, after: $after) {
          edges {
            cursor
            node {
              handle
              name
              headline
              degree
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;
const INVITE = gql`
  mutation Invite($input: SendInvitationInput!) {
    sendInvitation(input: $input) {
      member {
        id
      }
      errors {
        code
        message
      }
    }
  }
`;
const DISMISS = gql`
  mutation Dismiss($id: ID!) {
    dismissSuggestion(memberId: $id) {
      member {
        id
      }
      errors {
        code
        message
      }
    }
  }
`;

// Connect sends at once, except to a member who asks for their e-mail address (R5): then the
// invitation form opens below, and its Cancel sends nothing.
function connectButton(member, slot) {
  if (!member.relationship.connectNeedsEmail) {
    const send = () => mutate(INVITE, { input: { memberId: member.id } }, "sendInvitation");
    return h(
      "button",
      {
        type: "button",
        class: "primary",
        onclick: (e) => act(e.currentTarget, send, `Invitation sent to ${member.name}.`),
      },
      "Connect",
    );
  }
  const button = h(
    "button",
    { type: "button", class: "primary", "aria-expanded": "false" },
    "Connect",
  );
  const toggle = () => {
    const open = !slot.firstChild;
    if (open) slot.replaceChildren(connectForm(member, toggle, "h3"));
    else slot.replaceChildren();
    button.setAttribute("aria-expanded", String(open));
    (open ? slot.querySelector("input") : button).focus();
  };
  button.addEventListener("click", toggle);
  return button;
}

function suggestion({ member, mutualConnectionCount, mutualSample }) {
  const names = mutualSample.map((m, i) => [i ? ", " : "", memberLink(m)]);
  const more = mutualConnectionCount - mutualSample.length;
  const offered = [member.actions.primary, ...member.actions.secondary];
  const slot = h("div", {});
  return h(
    "li",
    { "aria-label": member.name },
    h(
      "div",
      { class: "row" },
      memberLink(member),
      degreeBadge(member.degree),
      h("span", { class: "muted" }, member.headline || ""),
    ),
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
        ? connectButton(member, slot)
        : h("a", { class: "button", href: `#/profile/${member.handle}` }, "View profile"),
      h(
        "button",
        {
          type: "button",
          onclick: (e) =>
            act(
              e.currentTarget,
              () => mutate(DISMISS, { id: member.id }, "dismissSuggestion"),
              `${member.name} will not be suggested again.`,
            ),
        },
        "Dismiss",
      ),
    ),
    slot,
  );
}

export async function render() {
  const [{ viewer }, connections] = await Promise.all([
    request(NETWORK),
    pagedList(
      async (after) => (await request(CONNECTIONS, { after })).viewer.member.connections,
      (node) =>
        h(
          "li",
          { class: "row" },
          memberLink(node),
          degreeBadge(node.degree),
          h("span", { class: "muted" }, node.headline || ""),
        ),
      { label: "Your connections", empty: "No connections yet." },
    ),
  ]);
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
      h("h2", { id: "mine" }, `Your connections (${viewer.member.connectionCount})`),
      connections.element,
    ),
  );
}
