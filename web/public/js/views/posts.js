// A post as the feed and profiles show it, with Share (R17: only ANYONE posts can be shared)
// and Delete (the author's own, a company's for its admins), paged lists of posts, and the page
// of one post (a notification of a share links to it).
import { request, mutate, requestId, session, gql } from "../api.js";
import { h, act, authorLink, when, field, pagedList, showError, showStatus } from "../ui.js";

const AUTHOR = `author { __typename ... on Member { handle name } ... on Company { handle name isAdmin } }`;
export const POST_FIELDS = `id text audience createdAt isShare ${AUTHOR}
  sharedPost { id text audience createdAt ${AUTHOR} }`;

const DELETE = gql`
  mutation Delete($id: ID!) {
    deletePost(postId: $id) {
      deletedId
      errors {
        code
        message
      }
    }
  }
`;
const SHARE = gql`
  mutation Share($input: SharePostInput!) {
    sharePost(input: $input) {
      post {
        id
      }
      errors {
        code
        message
      }
    }
  }
`;

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
    h(
      "div",
      { class: "row" },
      authorLink(post.author),
      h("span", { class: "muted" }, "·"),
      when(post.createdAt),
      h("span", { class: "kind" }, audienceLabel(post.audience)),
    ),
    post.text ? h("p", { class: "post" }, post.text) : null,
  ];
}

// R17: only the author, or an admin of the company that posted, deletes a post.
function canDelete(post) {
  const me = session.get();
  return post.author.__typename === "Company"
    ? post.author.isAdmin
    : Boolean(me) && post.author.handle === me.handle;
}

// Delete asks once more (it cannot be undone); the post goes only when the server confirms,
// then `gone(article)` takes it off the page.
function deleteControls(post, article, gone) {
  const open = h("button", { type: "button", "aria-expanded": "false" }, "Delete");
  const confirm = h("button", { type: "button", class: "danger" }, "Delete post");
  const cancel = h("button", { type: "button" }, "Cancel");
  const ask = h(
    "div",
    { class: "confirm", hidden: true },
    h("p", {}, "Delete this post? This cannot be undone."),
    h("div", { class: "actions" }, confirm, cancel),
  );
  const toggle = (show) => {
    ask.hidden = !show;
    open.setAttribute("aria-expanded", String(show));
    (show ? cancel : open).focus();
  };
  open.addEventListener("click", () => toggle(ask.hidden));
  cancel.addEventListener("click", () => toggle(false));
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    try {
      await mutate(DELETE, { id: post.id }, "deletePost");
      showStatus("Post deleted.");
      gone(article);
    } catch (error) {
      showError(error.message);
      confirm.disabled = false;
    }
  });
  return [open, ask];
}

// The single post's page: the post gives way to a note, which takes the focus.
function replaceWithNote(article) {
  const note = h("p", { class: "card muted", tabindex: "-1" }, "This post was deleted.");
  article.replaceWith(note);
  note.focus();
}

export function renderPost(post, gone = replaceWithNote) {
  const item = h(
    "article",
    { class: "card", "aria-label": `Post by ${post.author.name}` },
    body(post),
  );
  const buttons = h("div", { class: "actions" });
  const extra = [];
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
          const input = {
            postId: post.id,
            text: comment.value || null,
            audience: audience.value,
            requestId: requestId(),
          };
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
    buttons.append(open);
    extra.push(form);
  }
  if (canDelete(post)) {
    const [open, ask] = deleteControls(post, item, gone);
    buttons.append(open);
    extra.push(ask);
  }
  if (buttons.firstChild) item.append(buttons, ...extra);
  return item;
}

// Posts paged with the API's cursors (`load(after)` answers a PostConnection). A deleted post
// leaves the list; the focus goes to the next post (else the previous, else the "no posts" note).
export async function postList(load, { label, empty }) {
  const gone = (article) => {
    const li = article.closest("li");
    const next = li.nextElementSibling || li.previousElementSibling;
    li.remove();
    paged.none.hidden = paged.list.children.length > 0;
    const target = next ? next.querySelector("article") : paged.none;
    target.tabIndex = -1;
    target.focus();
  };
  const paged = await pagedList(load, (node) => h("li", {}, renderPost(node, gone)), {
    label,
    empty,
  });
  paged.list.classList.add("posts");
  return paged;
}

const ONE = gql`query Post($id: ID!) { node(id: $id) { ... on Post { ${POST_FIELDS} } } }`;

// `#/post/<id>`: one post, or "not found" when it is gone or hidden from the viewer (R25).
export async function render({ args }) {
  const { node } = await request(ONE, { id: args[0] });
  if (!node || !node.id) {
    return h(
      "section",
      { class: "card" },
      h("h1", {}, "Post not found"),
      h("p", {}, "It was deleted, or you cannot see it."),
    );
  }
  return h("div", {}, h("h1", {}, `Post by ${node.author.name}`), renderPost(node));
}
