// The GraphQL over HTTP audit of graphql-http (npm), run against the API:
//   node graphql_http_audit.mjs <url of /graphql>
// Prints each audit that is not "ok" on stderr and the counts as one JSON line on stdout.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../web/package.json", import.meta.url));
const { auditServer } = require("graphql-http");

const [url] = process.argv.slice(2);
const counts = { ok: 0, warn: 0, error: 0 };
for (const result of await auditServer({ url })) {
  counts[result.status] += 1;
  if (result.status !== "ok") console.error(`${result.status}: ${result.name}: ${result.reason}`);
}
console.log(JSON.stringify(counts));
