// Apollo Client's own persisted-queries link against the API, as a frontend turns it on (GET
// for hashed queries, for a cache in front):
//   node apollo_persisted_queries.mjs <url of /graphql> <token>
// Runs one query twice and prints, as one JSON line, the data of each run and every request the
// link sent: its method, whether it carried the query's text, and the error codes it got.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../web/package.json", import.meta.url));
const { ApolloClient, HttpLink, InMemoryCache, gql } = require("@apollo/client");
const { PersistedQueryLink } = require("@apollo/client/link/persisted-queries");

const [url, token] = process.argv.slice(2);
const sent = [];

async function recordingFetch(input, init = {}) {
  const target = new URL(typeof input === "string" ? input : input.url);
  const body = init.body ? JSON.parse(init.body) : null;
  const withText = Boolean((body && body.query) || target.searchParams.get("query"));
  const response = await fetch(input, init);
  const answer = await response.clone().json();
  const codes = (answer.errors || []).map((e) => e.extensions && e.extensions.code);
  sent.push({ method: init.method || "GET", withText, status: response.status, codes });
  return response;
}

const persisted = new PersistedQueryLink({
  sha256: (text) => createHash("sha256").update(text).digest("hex"),
  useGETForHashedQueries: true,
});
const http = new HttpLink({
  uri: url,
  fetch: recordingFetch,
  headers: { Authorization: `Bearer ${token}` },
});
const client = new ApolloClient({ link: persisted.concat(http), cache: new InMemoryCache() });
const VIEWER = gql`
  query PersistedViewer {
    viewer {
      email
      member {
        handle
      }
    }
  }
`;

const runs = [];
for (let run = 0; run < 2; run += 1) {
  const { data } = await client.query({ query: VIEWER, fetchPolicy: "network-only" });
  runs.push(data);
}
console.log(JSON.stringify({ runs, sent }));
