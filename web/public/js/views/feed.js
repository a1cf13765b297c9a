// The feed (R19) with a composer: the viewer chooses the audience (R17). Pages of 10 follow
// the API's cursors, which stay stable while new posts arrive.
import { request, mutate, requestId, gql } from "../api.js";
import { h, act, field } from "../ui.js";
import { POST_FIELDS, postList, audienceSelect } from "./posts.js";

const FEED = gql`query Feed($after: String) { viewer { feed(first: 10, after: $after) {
  edges { cursor node { ${POST_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`;
const CREATE = gql`
  mutation CreatePost($input: CreatePostInput!) {
    createPost(input: $input) {
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

export async function render() {
  const posts = await postList(async (after) => (await request(FEED, { after })).viewer.feed, {
    label: "Posts",
    empty: "Your feed is empty: follow members or companies to see their posts here.",
  });
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
  return h("div", {}, h("h1", {}, "Feed"), composer, posts.element);
}
