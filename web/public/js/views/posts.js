// A post as the feed and profiles show it, with Share (R17: only ANYONE posts can be shared),
// and the page of one post (a notification of a share links to it).
import { request, mutate, requestId } from "../api.js";
import { h, act, authorLink, when, field } from "../ui.js";

const AUTHOR = `author { __typename ... on Member { handle name } ... on Company { handle name } }`;
export const POST_FIELDS = `id text audience createdAt isShare ${AUTHOR}
  sharedPost { id text audience createdAt ${AUTHOR} }`;

const SHARE = `mutation Share($input: SharePostInput!) {
  sharePost(input: $input) { post { id } errors { code message } }
}`;

function audienceLabel(audience) {
  return audience === "CONNECTIONS" ? "Connections only" : "Anyone";
}

export function audienceSelect() {
  return h(
    "select",
    { name: "audience" },
    h("option", { value: "ANYONE" }, "Anyone"),
    h("option", { value: "CONNECTIONS" }, "Connections only"),
  );
}

function body(post) {
  return [
    h("div", { class: "row" }, authorLink(post.author), h("span", { class: "muted" }, "·"), when(post.createdAt), h("span", { class: "kind" }, audienceLabel(post.audience))),
    post.text ? h("p", { class: "post" }, post.text) : null,
  ];
}

export function renderPost(post) {
  const item = h("article", { class: "card", "aria-label": `Post by ${post.author.name}` }, body(post));
  if (post.isShare) {
    item.append(
      post.sharedPost
        ? h("div", { class: "shared" }, body(post.sharedPost))
        : h("p", { class: "shared muted" }, "The shared post is no longer available."),
    );
  }
  // Offered on ANYONE posts; the server still decides (a refusal is shown as its message).
  if (post.audience === "ANYONE" && !post.isShare) {
    const open = h("button", { type: "button", "aria-expanded": "false" }, "Share");
    const comment = h("textarea", { name: "comment", maxlength: "3000" });
    const audience = audienceSelect();
    const send = h("button", { type: "submit", class: "primary" }, "Share now");
    const form = h(
      "form",
      {
        class: "stack",
        hidden: true,
        onsubmit: (event) => {
          event.preventDefault();
          const input = { postId: post.id, text: comment.value || null, audience: audience.value, requestId: requestId() };
          act(send, () => mutate(SHARE, { input }, "sharePost"), "Shared to your feed.");
        },
      },
      field("Your comment (optional)", comment),
      field("Who can see your share", audience),
      h("div", {}, send),
    );
    open.addEventListener("click", () => {
      form.hidden = !form.hidden;
      open.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) comment.focus();
    });
    item.append(h("div", { class: "actions" }, open), form);
  }
  return item;
}

const ONE = `query Post($id: ID!) { node(id: $id) { ... on Post { ${POST_FIELDS} } } }`;

// `#/post/<id>`: one post, or "not found" when it is gone or hidden from the viewer (R25).
export async function render({ args }) {
  const { node } = await request(ONE, { id: args[0] });
  if (!node || !node.id) {
    return h("section", { class: "card" }, h("h1", {}, "Post not found"), h("p", {}, "It was deleted, or you cannot see it."));
  }
  return h("div", {}, h("h1", {}, `Post by ${node.author.name}`), renderPost(node));
}
