// The client's shell: hash routes, the navigation, and re-rendering after every action.
import { request, session, mutate } from "./api.js";
import { h, clearNotices, showError } from "./ui.js";
import * as live from "./live.js";
import * as bell from "./bell.js";
import * as signin from "./views/signin.js";
import * as join from "./views/join.js";
import * as settings from "./views/settings.js";
import * as profile from "./views/profile.js";
import * as feed from "./views/feed.js";
import * as invitations from "./views/invitations.js";
import * as network from "./views/network.js";
import * as search from "./views/search.js";
import * as companies from "./views/companies.js";
import * as messages from "./views/messages.js";
import * as notifications from "./views/notifications.js";
import * as posts from "./views/posts.js";

// "#/profile/nina-huber" -> view profile, args ["nina-huber"]; "#/search?q=x" -> query {q: "x"}.
const ROUTES = {
  signin,
  join,
  settings,
  profile,
  feed,
  invitations,
  network,
  search,
  companies,
  company: companies,
  messages,
  notifications,
  post: posts,
};

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
        h("li", {}, bell.bell),
        link("search", "Search"),
        link("companies", "Companies"),
        h(
          "li",
          {},
          h(
            "a",
            { href: `#/profile/${me.handle}`, "aria-current": active === "me" ? "page" : null },
            me.name,
          ),
        ),
        link("settings", "Settings"),
        h("li", {}, h("button", { type: "button", class: "link", onclick: signOut }, "Sign out")),
      ]
    : [link("signin", "Sign in"), link("join", "Join")];
  if (active === "notifications") bell.bell.setAttribute("aria-current", "page");
  else bell.bell.removeAttribute("aria-current");
  nav.replaceChildren(h("ul", {}, items));
}

// The socket follows the session: opened for its token, closed without one. When the server
// closes it because the token ended (signed out elsewhere, expired), the page is read again:
// the server then refuses the token over HTTP too, with its own message, and the tab signs in.
function goLive() {
  const me = session.get();
  if (!me) {
    bell.stop();
    live.disconnect();
    return;
  }
  if (live.connect(me.token, () => render({ focus: false }))) {
    bell.stop();
    bell.start();
  }
}

async function signOut() {
  // Closed first: the server's 4403 after signOut would otherwise read as an ended session.
  bell.stop();
  live.disconnect();
  try {
    await mutate(signin.SIGN_OUT, {}, "signOut");
  } catch (error) {
    showError(error.message);
  }
  session.clear();
  location.hash = "#/signin";
}

let rendering = 0;
let pendingError = "";
let scope = new live.PageScope();

// Renders the current route from scratch: every page shows what the server says now.
async function render({ focus } = { focus: false }) {
  const ticket = ++rendering;
  const route = parse();
  const signedIn = Boolean(session.get());
  let name = route.name || (signedIn ? "feed" : "signin");
  const open = ["signin", "join", "profile", "company"]; // what a signed-out visitor may see
  if (!signedIn && !open.includes(name)) name = "signin";
  const view = ROUTES[name] || feed;
  goLive();
  // What the previous page subscribed to ends; this page subscribes in its own scope.
  scope.end();
  const pageScope = (scope = new live.PageScope());
  const mine = name === "profile" && signedIn && route.args[0] === session.get().handle;
  renderNav(mine ? "me" : name === "company" ? "companies" : name);
  const main = document.getElementById("main");
  main.setAttribute("aria-busy", "true");
  let content;
  try {
    content = await view.render({ ...route, name, live: pageScope });
  } catch (error) {
    content = h(
      "section",
      { class: "card" },
      h("h1", {}, "Something went wrong"),
      h("p", {}, error.message),
    );
    if (!session.get() && signedIn) {
      // The server refused the token (expired, or signed out elsewhere): say so, then sign in.
      pendingError = error.message;
      location.hash = "#/signin";
      return;
    }
    showError(error.message);
  }
  if (ticket !== rendering) {
    pageScope.end(); // a newer navigation won
    return;
  }
  main.replaceChildren(content);
  main.removeAttribute("aria-busy");
  if (focus) main.focus();
  document.title = `${(main.querySelector("h1") || {}).textContent || "Vernetzt"} · Vernetzt`;
  renderNav(mine ? "me" : name === "company" ? "companies" : name);
  // After the page: what it did (marked read, accepted) shows in the count.
  if (session.get()) bell.refresh();
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
