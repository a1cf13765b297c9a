// Companies (R20): the ones the viewer follows or works at, a look-up by handle, creating one,
// and a company page with Follow/Unfollow and its posts. Its admins also post as the company,
// add admins and see its followers. The API has no list of all companies, so the overview also
// offers the companies whose posts appear in the viewer's feed.
import { request, mutate, session, requestId, ApiError, gql } from "../api.js";
import { h, act, field, memberLink, pagedList, showStatus, withFieldErrors } from "../ui.js";
import { POST_FIELDS, postList } from "./posts.js";

const OVERVIEW = gql`
  query Companies {
    viewer {
      member {
        worksAt {
          handle
          name
          description
          followerCount
          isFollowing
        }
      }
      following(first: 50) {
        edges {
          node {
            __typename
            ... on Company {
              handle
              name
              description
              followerCount
              isFollowing
            }
          }
        }
      }
      feed(first: 50) {
        edges {
          node {
            author {
              __typename
              ... on Company {
                handle
                name
                description
                followerCount
                isFollowing
              }
            }
          }
        }
      }
    }
  }
`;
const COMPANY = gql`
  query Company($handle: String!) {
    company(handle: $handle) {
      id
      handle
      name
      description
      followerCount
      isFollowing
      isAdmin
      actions {
        primary
        secondary
      }
      employees(first: 0) {
        totalCount
      }
      admins {
        handle
        name
      }
    }
  }
`;
const PAGE_INFO = "pageInfo { hasNextPage endCursor }";
const POSTS = gql`query CompanyPosts($handle: String!, $after: String) { company(handle: $handle) {
  posts(first: 10, after: $after) { edges { cursor node { ${POST_FIELDS} } } ${PAGE_INFO} } } }`;
const FOLLOWERS = gql`query CompanyFollowers($handle: String!, $after: String) { company(handle: $handle) {
  followers(first: 10, after: $after) { edges { cursor node { handle name headline } } ${PAGE_INFO} } } }`;
const MEMBER = gql`
  query Member($handle: String!) {
    member(handle: $handle) {
      id
      name
    }
  }
`;
const FOLLOW = gql`
  mutation Follow($id: ID!) {
    follow(id: $id) {
      errors {
        code
        message
      }
    }
  }
`;
const UNFOLLOW = gql`
  mutation Unfollow($id: ID!) {
    unfollow(id: $id) {
      errors {
        code
        message
      }
    }
  }
`;
const CREATE = gql`
  mutation CreateCompany($input: CreateCompanyInput!) {
    createCompany(input: $input) {
      company {
        handle
      }
      errors {
        code
        message
        field
      }
    }
  }
`;
const POST = gql`
  mutation CreatePost($input: CreatePostInput!) {
    createPost(input: $input) {
      post {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`;
const ADD_ADMIN = gql`
  mutation AddAdmin($companyId: ID!, $memberId: ID!) {
    addCompanyAdmin(companyId: $companyId, memberId: $memberId) {
      company {
        id
      }
      errors {
        code
        message
      }
    }
  }
`;

const followerWord = (n) => (n === 1 ? " follower" : " followers");

function companyItem(c) {
  return h(
    "li",
    {},
    h(
      "div",
      { class: "row" },
      h("a", { href: `#/company/${c.handle}` }, c.name),
      h("span", { class: "muted" }, c.followerCount, followerWord(c.followerCount)),
      c.isFollowing ? h("span", { class: "badge" }, "Following") : null,
    ),
    c.description ? h("p", { class: "muted" }, c.description) : null,
  );
}

// R20: the creator is the company's first admin; the new page opens.
function createForm() {
  const handle = h("input", {
    name: "handle",
    required: true,
    autocomplete: "off",
    maxlength: "30",
  });
  const name = h("input", { name: "name", required: true, maxlength: "100" });
  const description = h("textarea", { name: "description", maxlength: "2000" });
  const create = h("button", { type: "submit", class: "primary" }, "Create company");
  const controls = { handle, name, description };
  return h(
    "form",
    {
      class: "card stack",
      "aria-labelledby": "create",
      onsubmit: async (event) => {
        event.preventDefault();
        const input = {
          handle: handle.value.trim(),
          name: name.value,
          description: description.value || null,
        };
        const work = async () => {
          const { company } = await mutate(CREATE, { input }, "createCompany");
          // The app clears notices on every navigation; this listener runs after its own.
          window.addEventListener("hashchange", () => showStatus(`You created ${input.name}.`), {
            once: true,
          });
          location.hash = `#/company/${company.handle}`;
        };
        act(create, withFieldErrors(controls, work));
      },
    },
    h("h2", { id: "create" }, "Create a company page"),
    field("Handle (3 to 30 of a-z, 0-9 and -)", handle),
    field("Name", name),
    field("Description (optional)", description),
    h("div", {}, create),
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
      "aria-label": "Open a company",
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
    h(
      "section",
      { class: "card" },
      list.length
        ? h("ul", { class: "list" }, list.map(companyItem))
        : h("p", { class: "muted" }, "No companies yet."),
    ),
    lookup,
    createForm(),
  );
}

// R17: a company posts to anyone; only its admins post as it.
function composer(company) {
  const text = h("textarea", { name: "text", maxlength: "3000", required: true });
  const send = h("button", { type: "submit", class: "primary" }, "Post");
  return h(
    "form",
    {
      class: "card stack",
      "aria-labelledby": "post-as",
      onsubmit: (event) => {
        event.preventDefault();
        const input = {
          text: text.value,
          audience: "ANYONE",
          companyId: company.id,
          requestId: requestId(),
        };
        act(
          send,
          withFieldErrors({ text }, () => mutate(POST, { input }, "createPost")),
          `Posted as ${company.name}.`,
        );
      },
    },
    h("h2", { id: "post-as" }, `Post as ${company.name}`),
    field("Share an update (visible to anyone)", text),
    h("div", {}, send),
  );
}

// R20: an admin adds an admin by their handle, which is resolved to the member first.
function adminsCard(company) {
  const handle = h("input", { name: "handle", required: true, autocomplete: "off" });
  const add = h("button", { type: "submit" }, "Add admin");
  let added = "";
  const work = async () => {
    added = "";
    const { member } = await request(MEMBER, { handle: handle.value.trim().toLowerCase() });
    if (!member)
      throw new ApiError(
        "No member has this handle.",
        ["NOT_FOUND"],
        [{ message: "No member has this handle.", field: ["handle"] }],
      );
    await mutate(ADD_ADMIN, { companyId: company.id, memberId: member.id }, "addCompanyAdmin");
    added = member.name;
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "admins" },
    h("h2", { id: "admins" }, "Admins"),
    h(
      "ul",
      { class: "list", "aria-label": "Admins" },
      company.admins.map((m) => h("li", {}, memberLink(m))),
    ),
    h(
      "form",
      {
        class: "stack add-admin",
        "aria-label": "Add an admin",
        onsubmit: async (event) => {
          event.preventDefault();
          // The name is known once the handle is resolved: the confirmation follows act().
          await act(add, withFieldErrors({ handle }, work));
          if (added) showStatus(`${added} is now an admin of ${company.name}.`);
        },
      },
      field("Member handle (e.g. lena-hoffmann)", handle),
      h("div", {}, add),
    ),
  );
}

// R20: the followers are visible to the admins only.
async function followersCard(company) {
  const load = async (after) =>
    (await request(FOLLOWERS, { handle: company.handle, after })).company.followers;
  const item = (node) =>
    h("li", { class: "row" }, memberLink(node), h("span", { class: "muted" }, node.headline || ""));
  const paged = await pagedList(load, item, { label: "Followers", empty: "No followers yet." });
  return h(
    "section",
    { class: "card", "aria-labelledby": "followers" },
    h("h2", { id: "followers" }, `Followers (${company.followerCount})`),
    paged.element,
  );
}

async function page(handle) {
  const { company } = await request(COMPANY, { handle });
  if (!company)
    return h(
      "section",
      { class: "card" },
      h("h1", {}, "Company not found"),
      h("p", {}, h("a", { href: "#/companies" }, "All companies")),
    );
  const buttons = [company.actions.primary, ...company.actions.secondary]
    .filter(Boolean)
    .map((action, i) => {
      const follow = action === "FOLLOW";
      return h(
        "button",
        {
          type: "button",
          class: i === 0 ? "primary" : null,
          "data-action": action,
          onclick: (e) =>
            act(
              e.currentTarget,
              () =>
                mutate(
                  follow ? FOLLOW : UNFOLLOW,
                  { id: company.id },
                  follow ? "follow" : "unfollow",
                ),
              follow ? `You now follow ${company.name}.` : `You no longer follow ${company.name}.`,
            ),
        },
        follow ? "Follow" : "Unfollow",
      );
    });
  const loadPosts = async (after) =>
    (await request(POSTS, { handle: company.handle, after })).company.posts;
  const [posts, followers] = await Promise.all([
    postList(loadPosts, { label: "Posts", empty: "No posts yet." }),
    company.isAdmin ? followersCard(company) : null,
  ]);
  return h(
    "div",
    {},
    h(
      "section",
      { class: "card", "aria-labelledby": "name" },
      h("h1", { id: "name" }, company.name),
      company.description ? h("p", { class: "headline" }, company.description) : null,
      h(
        "ul",
        { class: "counts" },
        h("li", {}, h("strong", {}, company.followerCount), followerWord(company.followerCount)),
        h("li", {}, h("strong", {}, company.employees.totalCount), " employees on Vernetzt"),
      ),
      company.isAdmin ? h("p", { class: "muted" }, "You are an admin of this company.") : null,
      buttons.length ? h("div", { class: "actions" }, buttons) : null,
      session.get() ? null : h("p", {}, h("a", { href: "#/signin" }, "Sign in"), " to follow."),
    ),
    company.isAdmin ? [composer(company), adminsCard(company), followers] : null,
    h("section", { "aria-labelledby": "posts" }, h("h2", { id: "posts" }, "Posts"), posts.element),
  );
}

export async function render({ name, args }) {
  return name === "company" && args[0] ? page(args[0]) : overview();
}
