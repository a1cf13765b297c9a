// Small DOM helpers shared by the views: no framework, every control a real element.

// h("button", {class: "primary", onclick}, "Follow") -> <button class="primary">Follow</button>
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const notices = { error: null, status: null };

export function showError(message) {
  setNotice("error", message);
}

export function showStatus(message) {
  setNotice("status", message);
}

function setNotice(kind, message) {
  const el = document.getElementById(kind);
  el.textContent = message || "";
  el.hidden = !message;
  notices[kind] = message;
  if (message && kind === "error") setNotice("status", "");
}

export function clearNotices() {
  setNotice("error", "");
  setNotice("status", "");
}

// Runs a user action: the button is disabled meanwhile (no double submit), a refusal is shown
// as the server's message, and on success the page re-renders with what the server now says.
export async function act(button, action, success) {
  if (button) button.disabled = true;
  try {
    await action();
    setNotice("error", "");
    if (success) showStatus(success);
    await window.vernetzt.refresh();
  } catch (error) {
    showError(error.message);
    if (button && button.isConnected) button.disabled = false;
  }
}

const DEGREES = { SELF: "You", FIRST: "1st", SECOND: "2nd", THIRD: "3rd", OUT_OF_NETWORK: "Out of network" };

export function degreeBadge(degree) {
  if (!degree) return null;
  const label = DEGREES[degree];
  const spoken = degree === "SELF" || degree === "OUT_OF_NETWORK" ? "" : " degree connection";
  return h("span", { class: "badge", "data-degree": degree }, label, spoken ? h("span", { class: "sr" }, spoken) : null);
}

export function memberLink(member) {
  return h("a", { href: `#/profile/${member.handle}` }, member.name);
}

export function authorLink(author) {
  const path = author.__typename === "Company" ? "company" : "profile";
  return h("a", { href: `#/${path}/${author.handle}` }, author.name);
}

export function when(iso) {
  return h("time", { datetime: iso }, new Date(iso).toLocaleString());
}

export function heading(text, ...extra) {
  return h("h1", {}, text, ...extra);
}

let fieldIds = 0;

// A labelled field; returns [wrapper, control].
export function field(label, control) {
  const id = `f${++fieldIds}`;
  control.id = id;
  return h("div", { class: "field stack" }, h("label", { for: id }, label), control);
}

// A list that pages with the API's cursors: `load(after)` answers a connection ({edges,
// pageInfo}), `item(node)` an <li>. "Show more" appends the next page after the last cursor,
// so the pages join without a duplicate or a gap; focus moves to the first new item.
export async function pagedList(load, item, { label, empty }) {
  const first = await load(null);
  const list = h("ul", { class: "list", "aria-label": label });
  const more = h("button", { type: "button" }, "Show more");
  let pageInfo = first.pageInfo;
  const append = (edges) => edges.map(({ node }) => list.appendChild(item(node)));
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const next = await load(pageInfo.endCursor);
      const added = append(next.edges);
      pageInfo = next.pageInfo;
      more.hidden = !pageInfo.hasNextPage;
      if (added.length) focusItem(added[0]);
    } catch (error) {
      showError(error.message);
    }
    more.disabled = false;
  });
  append(first.edges);
  more.hidden = !pageInfo.hasNextPage;
  const none = h("p", { class: "muted" }, empty);
  none.hidden = first.edges.length > 0;
  return { element: h("div", {}, list, none, h("div", { class: "actions" }, more)), list, none };
}

function focusItem(li) {
  li.tabIndex = -1;
  li.focus();
}
