// The bell in the navigation: the unread count of the member's notifications (R26), kept up to
// date live by the `notificationAdded` subscription (R27). Each arriving notification also goes
// to the listeners of the open page (the notifications page puts it on top of its list).
import { request, gql } from "./api.js";
import { h } from "./ui.js";
import * as live from "./live.js";

export const NOTIFICATION_FIELDS = `id kind createdAt read
  actor { handle name }
  invitation { id }
  conversation { id }
  message { id body }
  post { id text }`;
const UNREAD = gql`
  query Unread {
    viewer {
      notifications(first: 0) {
        unreadCount
      }
    }
  }
`;
const ADDED = gql`subscription Added { notificationAdded { ${NOTIFICATION_FIELDS} } }`;

// The visible number is for the eye; a screen reader hears "Notifications (2 unread)".
const count = h("span", { class: "count", "aria-hidden": "true" });
const hint = h("span", { class: "sr" });
// One element for the session: the navigation is rebuilt on every page, the bell is moved.
export const bell = h(
  "a",
  { href: "#/notifications", class: "bell" },
  "Notifications",
  count,
  hint,
);
const listeners = new Set();
let ending = null;
let asked = 0;

function show(unread) {
  count.textContent = unread ? String(unread) : "";
  count.hidden = !unread;
  hint.textContent = unread ? ` (${unread} unread)` : "";
  bell.dataset.unread = String(unread);
}

// Reads the count the server has now; of two overlapping reads the later one wins.
export async function refresh() {
  const ticket = ++asked;
  try {
    const data = await request(UNREAD);
    if (ticket === asked) show(data.viewer.notifications.unreadCount);
  } catch {
    // The bell keeps its last count; the page shows the error of its own request.
  }
}

// Starts listening for the signed-in member (a no-op while it already does).
export function start() {
  if (ending) return;
  const endSubscription = live.subscribe(ADDED, {}, (data) => {
    refresh();
    for (const listener of listeners) listener(data.notificationAdded);
  });
  const endReconnect = live.onReconnect(refresh);
  ending = () => {
    endSubscription();
    endReconnect();
  };
}

export function stop() {
  if (ending) ending();
  ending = null;
  show(0);
}

// `listener(notification)` for each one that arrives; answers the function that ends it.
export function onNotification(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

show(0);
