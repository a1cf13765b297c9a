// The client's shell: hash routes, the navigation, and re-rendering after every action.
import { request, session, mutate } from "./api.js";
import { h, clearNotices, showError } from "./ui.js";
import * as signin from "./views/signin.js";
import * as profile from "./views/profile.js";
import * as feed from "./views/feed.js";
import * as invitations from "./views/invitations.js";
import * as network from "./views/network.js";
import * as search from "./views/search.js";
import * as companies from "./views/companies.js";
import * as messages from "./views/messages.js";

// "#/profile/nina-huber" -> view profile, args ["nina-huber"]; "#/search?q=x" -> query {q: "x"}.
const ROUTES = { signin, profile, feed, invitations, network, search, companies, company: companies, messages };

function parse() {
  const [path, search] = location.hash.replace(/^#\/?/, "").split("?");
  const [name, ...args] = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { name, args, query: new URLSearchParams(search || "") };
}

function renderNav(active) {
  const nav = document.getElementById("nav");
  const me = session.get();
  const link = (name, label, href = `#/${name}`) =>
    h("li", {}, h("a", { href, "aria-current": active === name ? "page" : null }, label));
  const items = me
    ? [
        link("feed", "Feed"),
        link("network", "My network"),
        link("invitations", "Invitations"),
        link("messages", "Messages"),
        link("search", "Search"),
        link("companies", "Companies"),
        h("li", {}, h("a", { href: `#/profile/${me.handle}`, "aria-current": active === "me" ? "page" : null }, me.name)),
        h("li", {}, h("button", { type: "button", class: "link", onclick: signOut }, "Sign out")),
      ]
    : [link("signin", "Sign in")];
  nav.replaceChildren(h("ul", {}, items));
}

async function signOut() {
  try {
    await mutate("mutation { signOut { signedOut errors { code message } } }", {}, "signOut");
  } catch (error) {
    showError(error.message);
  }
  session.clear();
  location.hash = "#/signin";
}

let rendering = 0;
let pendingError = "";

// Renders the current route from scratch: every page shows what the server says now.
async function render({ focus } = { focus: false }) {
  const ticket = ++rendering;
  const route = parse();
  const signedIn = Boolean(session.get());
  let name = route.name || (signedIn ? "feed" : "signin");
  if (!signedIn && name !== "signin" && name !== "profile" && name !== "company") name = "signin";
  const view = ROUTES[name] || feed;
  const mine = name === "profile" && signedIn && route.args[0] === session.get().handle;
  renderNav(mine ? "me" : name === "company" ? "companies" : name);
  const main = document.getElementById("main");
  main.setAttribute("aria-busy", "true");
  let content;
  try {
    content = await view.render({ ...route, name });
  } catch (error) {
    content = h("section", { class: "card" }, h("h1", {}, "Something went wrong"), h("p", {}, error.message));
    if (!session.get() && signedIn) {
      // The server refused the token (expired, or signed out elsewhere): say so, then sign in.
      pendingError = error.message;
      location.hash = "#/signin";
      return;
    }
    showError(error.message);
  }
  if (ticket !== rendering) return; // a newer navigation won
  main.replaceChildren(content);
  main.removeAttribute("aria-busy");
  if (focus) main.focus();
  document.title = `${(main.querySelector("h1") || {}).textContent || "Vernetzt"} · Vernetzt`;
  renderNav(mine ? "me" : name === "company" ? "companies" : name);
}

window.vernetzt = {
  refresh: () => render({ focus: false }),
  request,
};

window.addEventListener("hashchange", () => {
  clearNotices();
  if (pendingError) showError(pendingError);
  pendingError = "";
  render({ focus: true });
});
render({ focus: false });
