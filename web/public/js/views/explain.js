// "Connect or follow?" (R29): on another member's profile, what connecting and what following
// would let the viewer do with this member, whether it waits for their acceptance, why it is
// not possible now, and what the viewer can do already. Every word comes from the API's
// `relationship { capabilities options }`: the client decides nothing itself.
import { h } from "../ui.js";

export const EXPLAIN_FIELDS = `capabilities
  options { action available unavailableBecause needsConsent needsEmail grants }`;

// What each capability lets the viewer do, as the end of "You can …" (contract: Capability).
const CAN = {
  MESSAGE: "message them directly",
  INMAIL: "send them an InMail",
  SEE_THEIR_POSTS: "see their posts in your feed",
  SEE_THEIR_CONNECTIONS_ONLY_POSTS: "read the posts they share with connections only",
  THEY_SEE_YOUR_POSTS: "reach their feed with your posts",
  SEE_THEIR_CONNECTIONS: "see their connections",
};

// Why an option is not possible now, by the code the action would be refused with.
const WHY_NOT = {
  ALREADY_CONNECTED: "You are connected already.",
  INVITATION_PENDING: "Your invitation is waiting for their answer.",
  CONNECTION_LIMIT: "One of you has reached the connection limit.",
  INVITATION_LIMIT: "You have sent all the invitations this week allows.",
  REINVITE_COOLDOWN: "You withdrew an invitation to them lately; it takes a while to invite again.",
  FOLLOW_NOT_ALLOWED: "They let only their connections follow them.",
  EMAIL_REQUIRED: "They accept invitations only from people who know their e-mail address.",
};

const LABEL = { CONNECT: "Connect", FOLLOW: "Follow" };

function sentence(list) {
  const words = list.map((capability) => CAN[capability]);
  if (words.length < 2) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function optionItem(option, name) {
  const lines = [];
  lines.push(
    option.grants.length
      ? `It would let you ${sentence(option.grants)}.`
      : "It would not let you do anything more with them.",
  );
  if (option.action === "CONNECT" && !option.grants.includes("SEE_THEIR_CONNECTIONS"))
    lines.push("Their connections stay hidden even from their connections.");
  // How it would take effect, where it can be taken now; otherwise why it cannot says it all.
  if (!option.available)
    lines.push(`Not possible now: ${WHY_NOT[option.unavailableBecause] || "it would be refused."}`);
  else if (option.needsConsent) lines.push(`It waits until ${name} accepts.`);
  else if (option.action === "CONNECT")
    lines.push("Their invitation to you is waiting: it connects you at once.");
  else lines.push("It takes effect at once, without asking them.");
  if (option.needsEmail && option.available)
    lines.push("You need their e-mail address to invite them.");
  return h(
    "li",
    { "data-option": option.action },
    h("strong", {}, LABEL[option.action]),
    h(
      "ul",
      {},
      lines.map((line) => h("li", {}, line)),
    ),
  );
}

// The panel, or null where there is nothing to explain (signed out, one's own profile).
export function explainPanel(member) {
  const rel = member.relationship;
  if (!rel || !rel.options || !rel.options.length) return null;
  const now = rel.capabilities.length
    ? `You can ${sentence(rel.capabilities)}.`
    : "You cannot message them or see anything of theirs in your feed yet.";
  return h(
    "section",
    { class: "card explain", "aria-labelledby": "explain" },
    h("h2", { id: "explain" }, "Connect or follow?"),
    h("p", { class: "now" }, now),
    h(
      "ul",
      { class: "options" },
      rel.options.map((option) => optionItem(option, member.name)),
    ),
  );
}
