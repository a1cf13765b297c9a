// Messages (R12) with connections, and InMail (R16) to members one is not connected with; an
// open conversation shows new messages as they arrive (R27). The conversations, and the
// earlier messages of one, page with the API's cursors.
import { request, mutate, requestId, session, gql } from "../api.js";
import { h, act, field, memberLink, degreeBadge, when, pagedList, showError } from "../ui.js";
import { onNotification } from "../bell.js";

const CREDITS = gql`
  query Credits {
    viewer {
      inMailCredits
    }
  }
`;
const LIST = gql`
  query Conversations($after: String) {
    viewer {
      conversations(first: 10, after: $after) {
        edges {
          cursor
          node {
            id
            kind
            canReply
            lastMessageAt
            with {
              handle
              name
              degree
            }
            messages(first: 1) {
              edges {
                node {
                  body
                  sender {
                    handle
                  }
                }
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;
const WITH = gql`
  query With($handle: String!) {
    viewer {
      inMailCredits
    }
    member(handle: $handle) {
      id
      handle
      name
      degree
      actions {
        primary
        secondary
      }
      relationship {
        canMessage
      }
    }
  }
`;
// The API finds no conversation by member: the viewer's are read, 100 at a time, until found.
const FIND = gql`
  query Find($after: String) {
    viewer {
      conversations(first: 100, after: $after) {
        edges {
          node {
            id
            with {
              handle
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;
const MESSAGE_FIELDS = "id subject body sentAt sender { handle name }";
// Newest first: the first page is the latest messages, `after` reaches back in time.
const CONVERSATION = gql`query Conversation($id: ID!, $after: String) {
  node(id: $id) { ... on Conversation { id kind canReply
    messages(first: 20, after: $after) { edges { cursor node { ${MESSAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } } }
}`;
const SEND = gql`
  mutation Send($input: SendMessageInput!) {
    sendMessage(input: $input) {
      message {
        id
      }
      errors {
        code
        message
      }
    }
  }
`;
const INMAIL = gql`
  mutation InMail($input: SendInMailInput!) {
    sendInMail(input: $input) {
      message {
        id
      }
      errors {
        code
        message
      }
    }
  }
`;

function conversationItem(node) {
  const last = node.messages.edges[0];
  return h(
    "li",
    {},
    h(
      "div",
      { class: "row" },
      h("a", { href: `#/messages/${node.with.handle}` }, node.with.name),
      degreeBadge(node.with.degree),
      node.kind === "INMAIL" ? h("span", { class: "kind" }, "InMail") : null,
      h("span", { class: "muted" }, when(node.lastMessageAt)),
    ),
    last
      ? h(
          "p",
          { class: "muted" },
          `${last.node.sender.handle === session.get().handle ? "You: " : ""}${last.node.body}`,
        )
      : null,
  );
}

async function list() {
  const [{ viewer }, conversations] = await Promise.all([
    request(CREDITS),
    pagedList(
      async (after) => (await request(LIST, { after })).viewer.conversations,
      conversationItem,
      {
        label: "Conversations",
        empty: "No conversations yet.",
      },
    ),
  ]);
  return h(
    "div",
    {},
    h("h1", {}, "Messages"),
    h(
      "p",
      { class: "muted" },
      `You have ${viewer.inMailCredits} InMail credit${viewer.inMailCredits === 1 ? "" : "s"}. To write to someone, open their profile and choose Message or InMail.`,
    ),
    h("section", { class: "card" }, conversations.element),
  );
}

function directForm(member) {
  const body = h("textarea", { name: "body", required: true, maxlength: "2000" });
  const send = h("button", { type: "submit", class: "primary" }, "Send");
  return h(
    "form",
    {
      class: "card stack",
      "aria-label": `Message ${member.name}`,
      onsubmit: (event) => {
        event.preventDefault();
        act(
          send,
          () =>
            mutate(
              SEND,
              { input: { memberId: member.id, body: body.value, requestId: requestId() } },
              "sendMessage",
            ),
          "Message sent.",
        );
      },
    },
    field(`Message to ${member.name}`, body),
    h("div", {}, send),
  );
}

function inMailForm(member, credits) {
  const subject = h("input", { name: "subject", required: true, maxlength: "200" });
  const body = h("textarea", { name: "body", required: true, maxlength: "2000" });
  const send = h("button", { type: "submit", class: "primary" }, "Send InMail");
  return h(
    "form",
    {
      class: "card stack",
      "aria-label": `InMail to ${member.name}`,
      onsubmit: (event) => {
        event.preventDefault();
        const input = {
          memberId: member.id,
          subject: subject.value,
          body: body.value,
          requestId: requestId(),
        };
        act(send, () => mutate(INMAIL, { input }, "sendInMail"), "InMail sent.");
      },
    },
    h("h2", {}, `InMail to ${member.name}`),
    h(
      "p",
      { class: "muted" },
      `You are not connected. An InMail costs one credit unless their profile is open; you have ${credits}.`,
    ),
    field("Subject", subject),
    field("Message", body),
    h("div", {}, send),
  );
}

const ADDED = gql`subscription Added($conversationId: ID!) {
  messageAdded(conversationId: $conversationId) { ${MESSAGE_FIELDS} }
}`;

// The messages of one conversation, oldest first, growing as new ones arrive (R27). Each
// message shows once, however it came: the first read, the subscription, a catch-up, or
// "Show earlier messages", which puts the page before the oldest shown above it.
class History {
  constructor(me) {
    this.me = me;
    this.shown = new Set();
    this.conversationId = null;
    this.before = null; // the cursor of the oldest message shown
    this.list = h("ol", { class: "messages", "aria-label": "Messages", "aria-live": "polite" });
    this.none = h("p", { class: "muted" }, "No messages yet.");
    this.earlier = h(
      "button",
      { type: "button", hidden: true, onclick: () => this.showEarlier() },
      "Show earlier messages",
    );
    this.element = h(
      "section",
      { class: "card" },
      h("div", { class: "earlier" }, this.earlier),
      this.list,
      this.none,
    );
  }

  // The first read of the conversation: its newest page, and where earlier ones continue.
  start(conversationId, messages) {
    this.conversationId = conversationId;
    this.addPage(messages.edges);
    this.setEarlier(messages.pageInfo);
  }

  setEarlier(pageInfo) {
    this.before = pageInfo.endCursor;
    this.earlier.hidden = !pageInfo.hasNextPage;
  }

  // `edges` newest first, as the API answers them.
  addPage(edges) {
    for (const { node } of [...edges].reverse()) this.add(node);
  }

  add(message) {
    const item = this.item(message);
    if (item) this.list.append(item);
  }

  // The element of a message not shown yet (null for one already shown).
  item(message) {
    if (this.shown.has(message.id)) return null;
    this.shown.add(message.id);
    this.none.hidden = true;
    const mine = message.sender.handle === this.me;
    return h(
      "li",
      { class: mine ? "mine" : null },
      message.subject ? h("strong", {}, message.subject, h("br")) : null,
      h("span", { class: "body" }, message.body),
      h("br"),
      h(
        "span",
        { class: "muted" },
        mine ? "You" : message.sender.name,
        " · ",
        when(message.sentAt),
      ),
    );
  }

  // The page before the oldest shown goes on top; the focus moves to its first (oldest)
  // message, from where reading down is in time order.
  async showEarlier() {
    this.earlier.disabled = true;
    try {
      const { node } = await request(CONVERSATION, { id: this.conversationId, after: this.before });
      if (node) {
        const added = node.messages.edges
          .map(({ node: message }) => this.item(message))
          .filter(Boolean)
          .reverse();
        this.list.prepend(...added);
        this.setEarlier(node.messages.pageInfo);
        if (added.length) {
          added[0].tabIndex = -1;
          added[0].focus();
        }
      }
    } catch (error) {
      showError(error.message);
    }
    this.earlier.disabled = false;
  }

  // Follows the conversation live; after a reconnect, reads it again for what came meanwhile.
  follow(live, conversationId) {
    live.subscribe(ADDED, { conversationId }, (data) => this.add(data.messageAdded));
    live.onReconnect(async () => {
      const { node } = await request(CONVERSATION, { id: conversationId });
      if (node) this.addPage(node.messages.edges);
    });
  }
}

async function findConversation(handle) {
  let after = null;
  for (;;) {
    const { conversations } = (await request(FIND, { after })).viewer;
    const found = conversations.edges.find(({ node }) => node.with.handle === handle);
    if (found) return found.node.id;
    if (!conversations.pageInfo.hasNextPage) return null;
    after = conversations.pageInfo.endCursor;
  }
}

async function conversationWith(handle, live) {
  const [{ viewer, member }, id] = await Promise.all([
    request(WITH, { handle }),
    findConversation(handle),
  ]);
  if (!member) return h("section", { class: "card" }, h("h1", {}, "Member not found"));
  const conversation = id ? (await request(CONVERSATION, { id })).node : null;
  const history = new History(session.get().handle);
  if (conversation) {
    history.start(conversation.id, conversation.messages);
    history.follow(live, conversation.id);
  } else {
    // No conversation yet: the first message from them (a notification) starts one to follow.
    const stop = onNotification((n) => {
      if (n.kind !== "MESSAGE_RECEIVED" || n.actor.handle !== handle || !n.conversation) return;
      stop();
      history.follow(live, n.conversation.id);
      request(CONVERSATION, { id: n.conversation.id }).then(
        ({ node }) => node && history.start(node.id, node.messages),
      );
    });
    live.add(stop);
  }
  const offered = [member.actions.primary, ...member.actions.secondary];
  let composer;
  if (member.relationship.canMessage || (conversation && conversation.canReply))
    composer = directForm(member);
  else if (offered.includes("INMAIL")) composer = inMailForm(member, viewer.inMailCredits);
  else
    composer = h(
      "p",
      { class: "card" },
      `You can message ${member.name} once you are connected. `,
      h("a", { href: `#/profile/${member.handle}` }, `Go to ${member.name}'s profile`),
    );
  return h(
    "div",
    {},
    h("h1", {}, "Conversation with ", memberLink(member), " ", degreeBadge(member.degree)),
    h("p", {}, h("a", { href: "#/messages" }, "All conversations")),
    history.element,
    composer,
  );
}

export async function render({ args, live }) {
  return args[0] ? conversationWith(args[0], live) : list();
}
