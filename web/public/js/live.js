// Live updates (R27): one graphql-transport-ws socket per signed-in tab, through the vendored
// graphql-ws client (/vendor/graphql-ws.min.js defines the global `graphqlWs`).
//
// The bell's subscription lives as long as the session; a page adds its own (an open
// conversation) in its scope, which ends when the next page renders. Nothing committed while
// the socket was down is replayed (R27: the list is the record), so after a reconnect every
// `onReconnect` listener catches up by reading its list again.

const SOCKET_URL = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
// Close codes after which trying again cannot help: the token ended (signed out, expired) and
// the member's socket limit (the other tabs keep theirs; this one falls back to the lists).
const TOKEN_ENDED = 4403;
const TOO_MANY_SOCKETS = 4429;
const MAX_RETRY_WAIT_MS = 10_000;

let client = null;
let clientToken = null;
const reconnectListeners = new Set();

function isClose(event) {
  return Boolean(event) && typeof event === "object" && "code" in event;
}

// Waits 1, 2, 4, 8, then 10 seconds between attempts, with a little jitter so that the tabs of
// many members do not all knock at the same moment after a restart.
function retryWait(retries) {
  const wait = Math.min(1000 * 2 ** retries, MAX_RETRY_WAIT_MS) + Math.random() * 500;
  return new Promise((resolve) => setTimeout(resolve, wait));
}

// Opens the socket for `token`, or keeps the one open for it; answers whether it is a new one
// (whose subscriptions are still to be made). `onTokenEnded` runs when the server closes it
// with 4403.
export function connect(token, onTokenEnded) {
  if (client && clientToken === token) return false;
  disconnect();
  if (!token || !window.graphqlWs) return false;
  clientToken = token;
  let connectedBefore = false;
  client = window.graphqlWs.createClient({
    url: SOCKET_URL,
    connectionParams: { Authorization: `Bearer ${token}` },
    lazy: true,
    retryAttempts: Infinity,
    retryWait,
    shouldRetry: (event) =>
      !isClose(event) || ![TOKEN_ENDED, TOO_MANY_SOCKETS].includes(event.code),
    on: {
      connected: () => {
        if (connectedBefore) for (const listener of reconnectListeners) listener();
        connectedBefore = true;
      },
      closed: (event) => {
        if (isClose(event) && event.code === TOKEN_ENDED) onTokenEnded();
      },
    },
  });
  return true;
}

export function disconnect() {
  // dispose() waits for a connection under way, and rejects when the server refuses it (4403).
  if (client) client.dispose().catch(() => {});
  client = null;
  clientToken = null;
}

// Subscribes `query`; `onData` gets each result's data. Answers the function that ends it.
export function subscribe(query, variables, onData) {
  if (!client) return () => {};
  return client.subscribe(
    { query, variables },
    {
      next: (result) => result.data && onData(result.data),
      // A refused subscription (NOT_FOUND, RATE_LIMITED) leaves the page as the lists show it.
      error: () => {},
      complete: () => {},
    },
  );
}

export function onReconnect(listener) {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

// What one rendered page subscribed to; `end()` undoes all of it (the next page renders).
export class PageScope {
  constructor() {
    this.endings = [];
  }

  subscribe(query, variables, onData) {
    this.endings.push(subscribe(query, variables, onData));
  }

  onReconnect(listener) {
    this.endings.push(onReconnect(listener));
  }

  // Registers an ending made elsewhere (the bell's notification listeners).
  add(ending) {
    this.endings.push(ending);
  }

  end() {
    for (const ending of this.endings.splice(0)) ending();
  }
}
