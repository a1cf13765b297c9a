// The one way the client talks to the server: /graphql, the public API only.
// The token lives in sessionStorage: it ends with the tab, and signOut ends it on the server.
//
// Every operation is written as gql`…`, which names it: web/operations.json lists them all by
// their SHA-256 (made by web/operations.mjs, checked current by the tests), the server knows them
// from the start, and a production server may run those alone (VERNETZT_TRUSTED_OPERATIONS_ONLY).
// So an operation travels as its hash (a query by GET, which a cache in front can serve), and
// as its text only when the server answers PersistedQueryNotFound (Apollo's protocol).

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

// Every operation of the client, as written: gql`query Name { … }` is that text, and is known.
export const operations = new Set();
export function gql(strings, ...values) {
  const text = strings.reduce((whole, part, i) => whole + values[i - 1] + part);
  operations.add(text);
  return text;
}

const hashes = new Map();
// The operation's SHA-256 in hex; null where the browser offers no digest (an insecure origin).
async function sha256(text) {
  if (!globalThis.crypto || !crypto.subtle) return null;
  if (!hashes.has(text)) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"));
    hashes.set(text, hex.join(""));
  }
  return hashes.get(text);
}

// One HTTP request for the operation: by its hash alone (a query by GET), or with its text.
function send(query, variables, hash, withText, headers) {
  const extensions = hash ? { persistedQuery: { version: 1, sha256Hash: hash } } : undefined;
  if (hash && !withText && /^\s*query\b/.test(query)) {
    const params = new URLSearchParams({
      variables: JSON.stringify(variables),
      extensions: JSON.stringify(extensions),
    });
    return fetch(`/graphql?${params}`, { method: "GET", headers });
  }
  const body = { variables, extensions };
  if (withText || !hash) body.query = query;
  return fetch("/graphql", {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

function notFound(body) {
  return Boolean(
    body &&
    body.errors &&
    body.errors.some((e) => e.extensions && e.extensions.code === "PERSISTED_QUERY_NOT_FOUND"),
  );
}

// Runs an operation; top-level GraphQL errors (unauthenticated, rate limited, malformed, the
// database down) become an ApiError carrying the server's own messages.
export async function request(query, variables = {}) {
  const headers = { Accept: "application/json" };
  const current = session.get();
  if (current) headers.Authorization = `Bearer ${current.token}`;
  const bookmark = sessionStorage.getItem(BOOKMARK_KEY);
  if (bookmark) headers[BOOKMARK] = bookmark;
  let response;
  let body;
  try {
    const hash = await sha256(query);
    response = await send(query, variables, hash, false, headers);
    body = await readJson(response);
    if (notFound(body)) {
      response = await send(query, variables, hash, true, headers);
      body = await readJson(response);
    }
  } catch {
    throw new ApiError("The server cannot be reached. Check your connection and try again.");
  }
  const written = response.headers.get(BOOKMARK);
  if (written) sessionStorage.setItem(BOOKMARK_KEY, written);
  // A bookmark the server no longer accepts (its secret changed): forget it.
  if (response.status === 400 && bookmark) sessionStorage.removeItem(BOOKMARK_KEY);
  if (body === undefined) throw new ApiError(`The server answered with HTTP ${response.status}.`);
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

// The body of an answer, or undefined when it is not JSON.
async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
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
