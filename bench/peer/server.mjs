// The benchmark's peer: the Neo4j GraphQL Library (@neo4j/graphql) on Apollo Server, serving
// operations equivalent to Vernetzt's (bench/peer/ops) on the same Neo4j database.
//
// Env: NEO4J_URI (bolt://127.0.0.1:<port>, no auth), PORT, PEER_JWT_SECRET (Vernetzt's token
// secret: the same HS256 tokens work here), PEER_JWT_ISSUER (default "vernetzt"),
// PEER_JWT_AUDIENCE (default "vernetzt-api"). The limits Vernetzt reads from VERNETZT_* variables
// are read from the same variables, with the same defaults.
//
// Prints `peer ready at http://127.0.0.1:<PORT>/graphql` once listening; stops on SIGTERM/SIGINT.
// Every response carries `Server-Timing: db;dur=<ms>, total;dur=<ms>`: the time spent in the
// Neo4j driver's transactions for the request, and the request's time in the server.

import { readFileSync } from "node:fs";
import { indexedTypeDefs, servesNetworkIndex } from "./indexed.mjs";
import { performance } from "node:perf_hooks";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const env = process.env;
const uri = env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const port = Number(env.PORT ?? 4000);
const secret = env.PEER_JWT_SECRET;
if (!secret) {
  console.error("PEER_JWT_SECRET must be set (Vernetzt's token secret)");
  process.exit(2);
}
const issuer = env.PEER_JWT_ISSUER ?? "vernetzt";
const audience = env.PEER_JWT_AUDIENCE ?? "vernetzt-api";

// Vernetzt's settings.py defaults (R6, R8), as resolvers/loaders.limit_params passes them.
const connectionLimit = Number(env.VERNETZT_CONNECTION_LIMIT ?? 30000);
const weeklyLimit = Number(env.VERNETZT_WEEKLY_INVITATION_LIMIT ?? 100);
const cooldownDays = Number(env.VERNETZT_REINVITE_COOLDOWN_DAYS ?? 21);
const DAY_MS = 24 * 60 * 60 * 1000;
// R22: search reaches the best 1,000 matches (resolvers/rules/formats.SEARCH_REACH).
const SEARCH_REACH = 1000;

/** As Cypher integers (a JavaScript number would reach Cypher as a float). */
function limitParams(nowMs) {
  return {
    now: neo4j.int(nowMs),
    connectionLimit: neo4j.int(connectionLimit),
    weeklyLimit: neo4j.int(weeklyLimit),
    weekAgo: neo4j.int(nowMs - 7 * DAY_MS),
    cooldownStart: neo4j.int(nowMs - cooldownDays * DAY_MS),
    reach: neo4j.int(SEARCH_REACH),
  };
}

const driver = neo4j.driver(uri, neo4j.auth.none());

/** A driver-like object for one request: the library opens its sessions through it, and the
 * wall-clock time during which at least one of the request's transactions is running is added
 * to `timing.db` (root fields run their queries concurrently, so times are not simply summed). */
function timedDriver(timing) {
  return {
    executeQueryBookmarkManager: driver.executeQueryBookmarkManager,
    session(config) {
      const session = driver.session(config);
      const timed =
        (method) =>
        async (...args) => {
          if (timing.running++ === 0) timing.since = performance.now();
          try {
            return await session[method](...args);
          } finally {
            if (--timing.running === 0) timing.db += performance.now() - timing.since;
          }
        };
      return {
        executeRead: timed("executeRead"),
        executeWrite: timed("executeWrite"),
        close: () => session.close(),
      };
    },
  };
}

// Discovery through the network index where Neo4j has it, as Vernetzt reads it (indexed.mjs).
const referenceTypeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const indexed = await servesNetworkIndex(driver);
const typeDefs = indexed ? indexedTypeDefs(referenceTypeDefs) : referenceTypeDefs;
console.log(`peer: network index ${indexed ? "found" : "not installed"}`);
const neoSchema = new Neo4jGraphQL({
  typeDefs,
  driver,
  features: {
    authorization: {
      key: secret,
      verifyOptions: { algorithms: ["HS256"], issuer, audience, requiredClaims: ["sub", "exp"] },
    },
  },
});
const schema = await neoSchema.getSchema();

/** Server-Timing on every response: db (driver time) and total (time in the server). */
const serverTiming = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const timing = contextValue.timing;
        const total = performance.now() - timing.start;
        response.http.headers.set(
          "Server-Timing",
          `db;dur=${timing.db.toFixed(2)}, total;dur=${total.toFixed(2)}`,
        );
      },
    };
  },
};

const server = new ApolloServer({
  schema,
  // Production settings: no introspection, no stack traces in errors.
  introspection: false,
  includeStacktraceInErrorResponses: false,
  plugins: [serverTiming],
  stopOnTerminationSignals: false, // stop() below: the server, then the driver
});

await startStandaloneServer(server, {
  listen: { port, host: "127.0.0.1" },
  context: async ({ req }) => {
    const timing = { start: performance.now(), db: 0, running: 0, since: 0 };
    return {
      token: req.headers.authorization,
      executionContext: timedDriver(timing),
      cypherParams: limitParams(Date.now()),
      timing,
    };
  },
});
console.log(`peer ready at http://127.0.0.1:${port}/graphql`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const timer = setTimeout(() => process.exit(0), 5000); // don't hang on a stuck connection
  timer.unref();
  try {
    await server.stop();
    await driver.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
