// Messages (R12) with connections, and InMail (R16) to members one is not connected with.
import { request, mutate, requestId, session } from "../api.js";
import { h, act, field, memberLink, degreeBadge, when } from "../ui.js";

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
const CONVERSATION = `query Conversation($id: ID!) {
  node(id: $id) { ... on Conversation { id kind canReply
    messages(first: 50) { edges { node { id subject body sentAt sender { handle name } } } } } }
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

async function conversationWith(handle) {
  const { viewer, member } = await request(WITH, { handle });
  if (!member) return h("section", { class: "card" }, h("h1", {}, "Member not found"));
  const found = viewer.conversations.edges.find(({ node }) => node.with.handle === handle);
  let conversation = null;
  if (found) conversation = (await request(CONVERSATION, { id: found.node.id })).node;
  const me = session.get().handle;
  // Newest first from the API; a conversation reads top to bottom, oldest first.
  const messages = conversation ? [...conversation.messages.edges].reverse() : [];
  const history = messages.length
    ? h("ol", { class: "messages", "aria-label": "Messages" }, messages.map(({ node }) =>
        h("li", { class: node.sender.handle === me ? "mine" : null },
          node.subject ? h("strong", {}, node.subject, h("br")) : null,
          h("span", { class: "body" }, node.body), h("br"),
          h("span", { class: "muted" }, node.sender.handle === me ? "You" : node.sender.name, " · ", when(node.sentAt)))))
    : h("p", { class: "muted" }, "No messages yet.");
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
    h("section", { class: "card" }, history),
    composer,
  );
}

export async function render({ args }) {
  return args[0] ? conversationWith(args[0]) : list();
}
