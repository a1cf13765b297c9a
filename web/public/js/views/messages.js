// Messages (R12) with connections, and InMail (R16) to members one is not connected with; an
// open conversation shows new messages as they arrive (R27).
import { request, mutate, requestId, session } from "../api.js";
import { h, act, field, memberLink, degreeBadge, when } from "../ui.js";
import { onNotification } from "../bell.js";

const LIST = `query Conversations {
  viewer {
    inMailCredits
    conversations(first: 50) {
      edges { node { id kind canReply lastMessageAt with { handle name degree }
        messages(first: 1) { edges { node { body sender { handle } } } } } }
    }
  }
}`;
const WITH = `query With($handle: String!) {
  viewer { inMailCredits conversations(first: 50) { edges { node { id with { handle } } } } }
  member(handle: $handle) { id handle name degree actions { primary secondary } relationship { canMessage } }
}`;
const MESSAGE_FIELDS = "id subject body sentAt sender { handle name }";
const CONVERSATION = `query Conversation($id: ID!) {
  node(id: $id) { ... on Conversation { id kind canReply
    messages(first: 50) { edges { node { ${MESSAGE_FIELDS} } } } } }
}`;
const SEND = `mutation Send($input: SendMessageInput!) {
  sendMessage(input: $input) { message { id } errors { code message } }
}`;
const INMAIL = `mutation InMail($input: SendInMailInput!) {
  sendInMail(input: $input) { message { id } errors { code message } }
}`;

async function list() {
  const { viewer } = await request(LIST);
  const items = viewer.conversations.edges.map(({ node }) => {
    const last = node.messages.edges[0];
    return h(
      "li",
      {},
      h("div", { class: "row" }, h("a", { href: `#/messages/${node.with.handle}` }, node.with.name), degreeBadge(node.with.degree), node.kind === "INMAIL" ? h("span", { class: "kind" }, "InMail") : null, h("span", { class: "muted" }, when(node.lastMessageAt))),
      last ? h("p", { class: "muted" }, `${last.node.sender.handle === session.get().handle ? "You: " : ""}${last.node.body}`) : null,
    );
  });
  return h(
    "div",
    {},
    h("h1", {}, "Messages"),
    h("p", { class: "muted" }, `You have ${viewer.inMailCredits} InMail credit${viewer.inMailCredits === 1 ? "" : "s"}. To write to someone, open their profile and choose Message or InMail.`),
    h("section", { class: "card" }, items.length ? h("ul", { class: "list" }, items) : h("p", { class: "muted" }, "No conversations yet.")),
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
        act(send, () => mutate(SEND, { input: { memberId: member.id, body: body.value, requestId: requestId() } }, "sendMessage"), "Message sent.");
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
        const input = { memberId: member.id, subject: subject.value, body: body.value, requestId: requestId() };
        act(send, () => mutate(INMAIL, { input }, "sendInMail"), "InMail sent.");
      },
    },
    h("h2", {}, `InMail to ${member.name}`),
    h("p", { class: "muted" }, `You are not connected. An InMail costs one credit unless their profile is open; you have ${credits}.`),
    field("Subject", subject),
    field("Message", body),
    h("div", {}, send),
  );
}

const ADDED = `subscription Added($conversationId: ID!) {
  messageAdded(conversationId: $conversationId) { ${MESSAGE_FIELDS} }
}`;

// The messages of one conversation, oldest first, growing as new ones arrive (R27). Each
// message shows once, however it came: the first read, the subscription, or a catch-up.
class History {
  constructor(me) {
    this.me = me;
    this.shown = new Set();
    this.list = h("ol", { class: "messages", "aria-label": "Messages", "aria-live": "polite" });
    this.none = h("p", { class: "muted" }, "No messages yet.");
    this.element = h("section", { class: "card" }, this.list, this.none);
  }

  // `edges` newest first, as the API answers them.
  addPage(edges) {
    for (const { node } of [...edges].reverse()) this.add(node);
  }

  add(message) {
    if (this.shown.has(message.id)) return;
    this.shown.add(message.id);
    const mine = message.sender.handle === this.me;
    this.list.append(
      h("li", { class: mine ? "mine" : null },
        message.subject ? h("strong", {}, message.subject, h("br")) : null,
        h("span", { class: "body" }, message.body), h("br"),
        h("span", { class: "muted" }, mine ? "You" : message.sender.name, " · ", when(message.sentAt))),
    );
    this.none.hidden = true;
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

async function conversationWith(handle, live) {
  const { viewer, member } = await request(WITH, { handle });
  if (!member) return h("section", { class: "card" }, h("h1", {}, "Member not found"));
  const found = viewer.conversations.edges.find(({ node }) => node.with.handle === handle);
  let conversation = null;
  if (found) conversation = (await request(CONVERSATION, { id: found.node.id })).node;
  const history = new History(session.get().handle);
  if (conversation) {
    history.addPage(conversation.messages.edges);
    history.follow(live, conversation.id);
  } else {
    // No conversation yet: the first message from them (a notification) starts one to follow.
    const stop = onNotification((n) => {
      if (n.kind !== "MESSAGE_RECEIVED" || n.actor.handle !== handle || !n.conversation) return;
      stop();
      history.follow(live, n.conversation.id);
      request(CONVERSATION, { id: n.conversation.id }).then(({ node }) => node && history.addPage(node.messages.edges));
    });
    live.add(stop);
  }
  const offered = [member.actions.primary, ...member.actions.secondary];
  let composer;
  if (member.relationship.canMessage || (conversation && conversation.canReply)) composer = directForm(member);
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
