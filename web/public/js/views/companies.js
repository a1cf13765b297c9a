// Companies (R20): the ones the viewer follows or works at, a look-up by handle, and a company
// page with Follow/Unfollow and its posts. The API has no list of all companies, so the overview
// also offers the companies whose posts appear in the viewer's feed.
import { request, mutate, session } from "../api.js";
import { h, act, field } from "../ui.js";
import { POST_FIELDS, renderPost } from "./posts.js";

const OVERVIEW = `query Companies {
  viewer {
    member { worksAt { handle name description followerCount isFollowing } }
    following(first: 50) { edges { node { __typename ... on Company { handle name description followerCount isFollowing } } } }
    feed(first: 50) { edges { node { author { __typename ... on Company { handle name description followerCount isFollowing } } } } }
  }
}`;
const COMPANY = `query Company($handle: String!) {
  company(handle: $handle) {
    id handle name description followerCount isFollowing isAdmin
    actions { primary secondary }
    employees(first: 20) { totalCount edges { node { handle name } } }
    posts(first: 20) { edges { node { ${POST_FIELDS} } } }
  }
}`;
const FOLLOW = `mutation Follow($id: ID!) { follow(id: $id) { errors { code message } } }`;
const UNFOLLOW = `mutation Unfollow($id: ID!) { unfollow(id: $id) { errors { code message } } }`;

function companyItem(c) {
  return h(
    "li",
    {},
    h("div", { class: "row" }, h("a", { href: `#/company/${c.handle}` }, c.name), h("span", { class: "muted" }, `${c.followerCount} followers`), c.isFollowing ? h("span", { class: "badge" }, "Following") : null),
    c.description ? h("p", { class: "muted" }, c.description) : null,
  );
}

async function overview() {
  const { viewer } = await request(OVERVIEW);
  const seen = new Map();
  const add = (c) => c && c.handle && !seen.has(c.handle) && seen.set(c.handle, c);
  add(viewer.member.worksAt);
  viewer.following.edges.forEach(({ node }) => node.__typename === "Company" && add(node));
  viewer.feed.edges.forEach(({ node }) => node.author.__typename === "Company" && add(node.author));
  const handle = h("input", { name: "handle", required: true, autocomplete: "off" });
  const lookup = h(
    "form",
    {
      class: "card stack",
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = `#/company/${encodeURIComponent(handle.value.trim().toLowerCase())}`;
      },
    },
    field("Company handle (e.g. nordlicht-labs)", handle),
    h("div", {}, h("button", { type: "submit" }, "Open company")),
  );
  const list = [...seen.values()];
  return h(
    "div",
    {},
    h("h1", {}, "Companies"),
    h("section", { class: "card" }, list.length ? h("ul", { class: "list" }, list.map(companyItem)) : h("p", { class: "muted" }, "No companies yet.")),
    lookup,
  );
}

async function page(handle) {
  const { company } = await request(COMPANY, { handle });
  if (!company) return h("section", { class: "card" }, h("h1", {}, "Company not found"), h("p", {}, h("a", { href: "#/companies" }, "All companies")));
  const buttons = [company.actions.primary, ...company.actions.secondary].filter(Boolean).map((action, i) => {
    const follow = action === "FOLLOW";
    return h(
      "button",
      {
        type: "button",
        class: i === 0 ? "primary" : null,
        "data-action": action,
        onclick: (e) => act(e.currentTarget, () => mutate(follow ? FOLLOW : UNFOLLOW, { id: company.id }, follow ? "follow" : "unfollow"), follow ? `You now follow ${company.name}.` : `You no longer follow ${company.name}.`),
      },
      follow ? "Follow" : "Unfollow",
    );
  });
  const posts = company.posts.edges.map(({ node }) => renderPost(node));
  return h(
    "div",
    {},
    h(
      "section",
      { class: "card", "aria-labelledby": "name" },
      h("h1", { id: "name" }, company.name),
      company.description ? h("p", { class: "headline" }, company.description) : null,
      h("ul", { class: "counts" }, h("li", {}, h("strong", {}, company.followerCount), " followers"), h("li", {}, h("strong", {}, company.employees.totalCount), " employees on Vernetzt")),
      company.isAdmin ? h("p", { class: "muted" }, "You are an admin of this company.") : null,
      buttons.length ? h("div", { class: "actions" }, buttons) : null,
      session.get() ? null : h("p", {}, h("a", { href: "#/signin" }, "Sign in"), " to follow."),
    ),
    h("section", { "aria-labelledby": "posts" }, h("h2", { id: "posts" }, "Posts"), posts.length ? posts : h("p", { class: "muted" }, "No posts yet.")),
  );
}

export async function render({ name, args }) {
  return name === "company" && args[0] ? page(args[0]) : overview();
}
