// The feed (R19) with a composer: the viewer chooses the audience (R17).
import { request, mutate, requestId } from "../api.js";
import { h, act, field } from "../ui.js";
import { POST_FIELDS, renderPost, audienceSelect } from "./posts.js";

const FEED = `query Feed { viewer { feed(first: 30) { edges { node { ${POST_FIELDS} } } } } }`;
const CREATE = `mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) { post { id } errors { code message } }
}`;

export async function render() {
  const { viewer } = await request(FEED);
  const text = h("textarea", { name: "text", maxlength: "3000", required: true });
  const audience = audienceSelect();
  const send = h("button", { type: "submit", class: "primary" }, "Post");
  const composer = h(
    "form",
    {
      class: "card stack",
      "aria-label": "Write a post",
      onsubmit: (event) => {
        event.preventDefault();
        const input = { text: text.value, audience: audience.value, requestId: requestId() };
        act(send, () => mutate(CREATE, { input }, "createPost"), "Posted.");
      },
    },
    field("Share an update", text),
    field("Who can see it", audience),
    h("div", {}, send),
  );
  const posts = viewer.feed.edges.map(({ node }) => renderPost(node));
  return h(
    "div",
    {},
    h("h1", {}, "Feed"),
    composer,
    h("section", { "aria-label": "Posts" }, posts.length ? posts : h("p", { class: "muted" }, "Your feed is empty: follow members or companies to see their posts here.")),
  );
}
