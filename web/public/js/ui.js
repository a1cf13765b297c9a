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
// The confirmation comes last, so whoever reads it finds the page already up to date.
export async function act(button, action, success) {
  if (button) button.disabled = true;
  try {
    await action();
    setNotice("error", "");
    await window.vernetzt.refresh();
    if (success) showStatus(success);
  } catch (error) {
    showError(error.message);
    if (button && button.isConnected) button.disabled = false;
  }
}

const DEGREES = {
  SELF: "You",
  FIRST: "1st",
  SECOND: "2nd",
  THIRD: "3rd",
  OUT_OF_NETWORK: "Out of network",
};

export function degreeBadge(degree) {
  if (!degree) return null;
  const label = DEGREES[degree];
  const spoken = degree === "SELF" || degree === "OUT_OF_NETWORK" ? "" : " degree connection";
  return h(
    "span",
    { class: "badge", "data-degree": degree },
    label,
    spoken ? h("span", { class: "sr" }, spoken) : null,
  );
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

// A labelled field, with an optional hint below the label and room for its own error message
// (see showFieldErrors); the control is described by both.
export function field(label, control, hint = null) {
  const id = `f${++fieldIds}`;
  control.id = id;
  const note = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  if (note) control.setAttribute("aria-describedby", note.id);
  return h("div", { class: "field stack" }, h("label", { for: id }, label), note, control, error);
}

// Shows each UserError whose `field` names one of `controls` ({inputName: control}) at that
// control (aria-invalid, described by the message); answers the errors no field took.
export function showFieldErrors(controls, errors) {
  for (const control of Object.values(controls)) setFieldError(control, "");
  const left = [];
  for (const error of errors) {
    const name = error.field && error.field[error.field.length - 1];
    const control = name && controls[name];
    if (control) setFieldError(control, error.message);
    else left.push(error);
  }
  const first = Object.values(controls).find((c) => c.getAttribute("aria-invalid") === "true");
  if (first) first.focus();
  return left;
}

// For act(): a refusal about one of `controls` ({inputName: control}) shows at that field, the
// others in the alert (an empty message there hides it); a success clears the fields' errors.
export function withFieldErrors(controls, action) {
  return async () => {
    showFieldErrors(controls, []);
    try {
      return await action();
    } catch (error) {
      if (!error.errors || !error.errors.length) throw error;
      setNotice("status", "");
      throw new Error(
        showFieldErrors(controls, error.errors)
          .map((e) => e.message)
          .join(" "),
      );
    }
  };
}

function setFieldError(control, message) {
  const error = document.getElementById(`${control.id}-error`);
  if (!error) return;
  error.textContent = message;
  error.hidden = !message;
  if (message) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
  const hint = document.getElementById(`${control.id}-hint`);
  const described = [message ? error.id : null, hint ? hint.id : null].filter(Boolean).join(" ");
  if (described) control.setAttribute("aria-describedby", described);
  else control.removeAttribute("aria-describedby");
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
