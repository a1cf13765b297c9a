// The one way the client talks to the server: POST /graphql, the public API only.
// The token lives in sessionStorage: it ends with the tab, and signOut ends it on the server.

const KEY = "vernetzt.session";
// On a Neo4j cluster the server answers a write with this header; sent back on every request,
// it makes the next read, whichever API process serves it, see that write (docs/scaling.md).
const BOOKMARK = "Vernetzt-Bookmark";
const BOOKMARK_KEY = "vernetzt.bookmark";

export class ApiError extends Error {
  // `errors`: a payload's UserErrors ({code, message, field}), for messages shown at a field.
  constructor(message, codes = [], errors = []) {
    super(message);
    this.codes = codes;
    this.errors = errors;
  }
}

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY)) || null;
    } catch {
      return null;
    }
  },
  set(token, member) {
    sessionStorage.setItem(
      KEY,
      JSON.stringify({ token, handle: member.handle, name: member.name }),
    );
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};

// Runs an operation; top-level GraphQL errors (unauthenticated, rate limited, malformed, the
// database down) become an ApiError carrying the server's own messages.
export async function request(query, variables = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const current = session.get();
  if (current) headers.Authorization = `Bearer ${current.token}`;
  const bookmark = sessionStorage.getItem(BOOKMARK_KEY);
  if (bookmark) headers[BOOKMARK] = bookmark;
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("The server cannot be reached. Check your connection and try again.");
  }
  const written = response.headers.get(BOOKMARK);
  if (written) sessionStorage.setItem(BOOKMARK_KEY, written);
  // A bookmark the server no longer accepts (its secret changed): forget it.
  if (response.status === 400 && bookmark) sessionStorage.removeItem(BOOKMARK_KEY);
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered with HTTP ${response.status}.`);
  }
  // A refused token (expired, or ended by signOut elsewhere): forget it, the user signs in again.
  if (response.status === 401) session.clear();
  if (body.errors && body.errors.length) {
    throw new ApiError(
      body.errors.map((e) => e.message).join(" "),
      body.errors.map((e) => (e.extensions && e.extensions.code) || "ERROR"),
    );
  }
  return body.data;
}

// Runs a mutation whose payload has `errors: [UserError!]!` (a refusal by the network's rules);
// a refusal becomes an ApiError with the UserError messages, else the payload is returned.
export async function mutate(query, variables, field) {
  const data = await request(query, variables);
  const payload = data[field];
  if (payload.errors.length) {
    throw new ApiError(
      payload.errors.map((e) => e.message).join(" "),
      payload.errors.map((e) => e.code),
      payload.errors,
    );
  }
  return payload;
}

// A request id makes a create retry-safe (R: requestId); one per user action.
export function requestId() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}
