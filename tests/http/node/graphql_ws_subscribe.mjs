// The protocol's reference client (npm graphql-ws, on Node with npm ws) subscribing to the
// API: node graphql_ws_subscribe.mjs <ws url> <token> <count> "<subscription>"
// Prints "open" once the server acknowledged the connection, then each result as one JSON
// line, and exits after <count> results (or 1 with the error, on an error or a close).
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../web/package.json", import.meta.url));
const { createClient } = require("graphql-ws");
const WebSocket = require("ws");

const [url, token, count, query] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: { connected: () => console.log("open") },
});

let received = 0;
client.subscribe(
  { query },
  {
    next: (result) => {
      console.log(JSON.stringify(result));
      received += 1;
      if (received >= Number(count)) client.dispose().then(() => process.exit(0));
    },
    error: (error) => {
      console.error(JSON.stringify(error, Object.getOwnPropertyNames(error)));
      process.exit(1);
    },
    complete: () => process.exit(received >= Number(count) ? 0 : 1),
  },
);
