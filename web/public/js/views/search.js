// Search members by name or headline; every result shows its degree badge (R22). Results page
// with the API's cursors.
import { request, gql } from "../api.js";
import { h, field, memberLink, degreeBadge, pagedList } from "../ui.js";

const SEARCH = gql`
  query Search($q: String!, $after: String) {
    searchMembers(query: $q, first: 10, after: $after) {
      totalCount
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
`;

export async function render({ query }) {
  const q = (query.get("q") || "").trim();
  const input = h("input", { type: "search", name: "q", value: q, required: true });
  const form = h(
    "form",
    {
      class: "card stack",
      role: "search",
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = `#/search?q=${encodeURIComponent(input.value.trim())}`;
      },
    },
    field("Name or headline", input),
    h("div", {}, h("button", { type: "submit", class: "primary" }, "Search")),
  );
  let results = null;
  if (q) {
    let total = 0; // from the first page, for the heading
    const load = async (after) => {
      const { searchMembers } = await request(SEARCH, { q, after });
      if (!after) total = searchMembers.totalCount;
      return searchMembers;
    };
    const item = (node) =>
      h(
        "li",
        { class: "row" },
        memberLink(node),
        degreeBadge(node.degree),
        h("span", { class: "muted" }, node.headline || ""),
      );
    const paged = await pagedList(load, item, { label: "Results", empty: "No member matches." });
    results = h(
      "section",
      { class: "card", "aria-labelledby": "results" },
      h("h2", { id: "results" }, `${total} result${total === 1 ? "" : "s"} for “${q}”`),
      paged.element,
    );
  }
  return h("div", {}, h("h1", {}, "Search"), form, results);
}
