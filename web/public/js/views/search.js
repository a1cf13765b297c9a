// Search members by name or headline; every result shows its degree badge (R22).
import { request } from "../api.js";
import { h, field, memberLink, degreeBadge } from "../ui.js";

const SEARCH = `query Search($q: String!) {
  searchMembers(query: $q, first: 30) {
    totalCount
    edges { node { handle name headline degree actions { primary } } }
  }
}`;

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
    const { searchMembers } = await request(SEARCH, { q });
    results = h(
      "section",
      { class: "card", "aria-labelledby": "results" },
      h("h2", { id: "results" }, `${searchMembers.totalCount} result${searchMembers.totalCount === 1 ? "" : "s"} for “${q}”`),
      h(
        "ul",
        { class: "list" },
        searchMembers.edges.map(({ node }) =>
          h("li", { class: "row" }, memberLink(node), degreeBadge(node.degree), h("span", { class: "muted" }, node.headline || "")),
        ),
      ),
    );
  }
  return h("div", {}, h("h1", {}, "Search"), form, results);
}
