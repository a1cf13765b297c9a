// Writes web/operations.json: every operation the web client sends (each written gql`…` at the
// top level of its module), by its SHA-256, sorted. The server knows them from the start, and
// a production server may run those alone (VERNETZT_TRUSTED_OPERATIONS_ONLY):
//   node web/operations.mjs [--check]
// With --check it writes nothing and fails when the file is not what the client holds now.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";

const js = new URL("./public/js/", import.meta.url);
const target = new URL("./operations.json", import.meta.url);
// What the modules touch of the browser as they load (the live socket's address, the bell's
// element): an inert stand-in, since only the operations are wanted here.
const inert = new Proxy(function () {}, {
  get: (_, key) => (key === Symbol.toPrimitive ? () => "" : inert),
  set: () => true,
  apply: () => inert,
  construct: () => inert,
});
globalThis.location = { protocol: "http:", host: "localhost", hash: "" };
globalThis.document = inert;
globalThis.window = inert;
globalThis.Node = class Node {};

// app.js starts the client as it loads: it holds no operation (a check below), the rest do.
const modules = [
  "api.js",
  "bell.js",
  "live.js",
  ...readdirSync(new URL("views/", js)).map((name) => `views/${name}`),
];
if (readFileSync(new URL("app.js", js), "utf8").includes("gql`")) {
  throw new Error("app.js must not define operations: the list is made without running it");
}
for (const module of modules) await import(new URL(module, js));
const { operations } = await import(new URL("api.js", js));

const byHash = {};
for (const text of [...operations].sort()) {
  byHash[createHash("sha256").update(text).digest("hex")] = text;
}
const sorted = Object.fromEntries(Object.entries(byHash).sort(([a], [b]) => a.localeCompare(b)));
const written = `${JSON.stringify(sorted, null, 2)}\n`;
if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== written) {
    console.error("web/operations.json is not current: run `make operations`");
    process.exit(1);
  }
  console.log(`web/operations.json: ${Object.keys(sorted).length} operations, current`);
} else {
  writeFileSync(target, written);
  console.log(`wrote web/operations.json: ${Object.keys(sorted).length} operations`);
}
