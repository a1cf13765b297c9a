// The peer calls the network index's procedures where Vernetzt does (docs/discovery.md): where
// Neo4j serves them, the Cypher of three of its fields is swapped for the calls that Vernetzt's
// *_indexed.cypher and hops_by_index.cypher make, so both systems still ask the same questions.

// The degree inside `degree` and `relationship` (hops_by_shortest.cypher → hops_by_index.cypher).
const SHORTEST_HOPS = `OPTIONAL MATCH p = SHORTEST 1 (v)(()-[:CONNECTED]-(x:Member) WHERE NOT x.id IN blockedIds){1,3}(m)
          WHERE v <> m
        WITH v, m, length(p) AS hops`;
const INDEXED_HOPS = "WITH v, m, vernetzt.network.hops(v, [m])[0] AS hops";
const SHORTEST_HOPS_RELATIONSHIP = `OPTIONAL MATCH p = SHORTEST 1 (v)(()-[:CONNECTED]-(x:Member) WHERE NOT x.id IN blockedIds){1,3}(m)
        WHERE v <> m
      WITH v, m, c, sent, received, length(p) AS hops, viewerConnections`;
const INDEXED_HOPS_RELATIONSHIP =
  "WITH v, m, c, sent, received, vernetzt.network.hops(v, [m])[0] AS hops, viewerConnections";

// The mutual count inside `relationship` and `mutualConnectionCount` (mutual_count_by_list.cypher
// → mutual_count_by_index.cypher).
const LISTED_MUTUALS_RELATIONSHIP = `mutualConnectionCount: CASE WHEN v = m THEN 0
          ELSE size([x IN COLLECT { MATCH (m)-[:CONNECTED]-(y:Member) RETURN elementId(y) }
                     WHERE x IN viewerConnections])
        END,`;
const INDEXED_MUTUALS_RELATIONSHIP = "mutualConnectionCount: vernetzt.network.mutualCount(v, m),";
// The list those counts read (viewer_connections_listed.cypher → viewer_connections_unlisted).
const LISTED_CONNECTIONS_RELATIONSHIP =
  "COLLECT { MATCH (viewer)-[:CONNECTED]-(x:Member) RETURN elementId(x) } AS viewerConnections";
const LISTED_CONNECTIONS =
  "COLLECT { MATCH (v)-[:CONNECTED]-(x:Member) RETURN elementId(x) } AS viewerConnections";
const UNLISTED_CONNECTIONS = "[] AS viewerConnections";
const LISTED_MUTUALS = `RETURN CASE WHEN v IS NULL THEN null WHEN v = m THEN 0
        ELSE size([x IN COLLECT { MATCH (m)-[:CONNECTED]-(y:Member) RETURN elementId(y) }
                   WHERE x IN viewerConnections])
      END AS count`;
const INDEXED_MUTUALS = `RETURN CASE WHEN v IS NULL THEN null
        ELSE vernetzt.network.mutualCount(v, m)
      END AS count`;

// pathFromViewer (path_from_viewer.cypher → path_from_viewer_indexed.cypher).
const SHORTEST_PATH = `MATCH p = ALL SHORTEST (v)(()-[:CONNECTED]-(x:Member) WHERE NOT x.id IN blockedIds){1,3}(m)
      WITH nodes(p) AS ns, [n IN nodes(p) | n.id] AS path
      ORDER BY path
      LIMIT 1
      WITH ns WHERE size(ns) >= 3`;
const INDEXED_PATH = `CALL vernetzt.network.path(v, m) YIELD path
      WITH [id IN path | COLLECT { MATCH (n:Member {id: id}) RETURN n }[0]] AS ns`;

// peopleYouMayKnow (people_you_may_know.cypher → people_you_may_know_indexed.cypher).
const SUGGESTIONS = `MATCH (v:Member {id: $jwt.sub})-[:CONNECTED]-(:Member)-[:CONNECTED]-(candidate:Member)
      WHERE candidate <> v
      WITH v, candidate, count(*) AS mutualCount
      ORDER BY mutualCount DESC, candidate.joinedAt DESC, candidate.id
      WITH v, candidate, mutualCount
      WHERE NOT EXISTS { (v)-[:CONNECTED]-(candidate) }
        AND NOT EXISTS { (v)-[:INVITED]-(candidate) }
        AND NOT EXISTS { (v)-[:BLOCKED]-(candidate) }
        AND NOT EXISTS { (v)-[:DISMISSED]->(candidate) }
      LIMIT $first
      RETURN candidate`;
const INDEXED_SUGGESTIONS = `MATCH (v:Member {id: $jwt.sub})
      CALL vernetzt.network.suggestions(v, $first) YIELD id
      MATCH (candidate:Member {id: id})
      RETURN candidate`;

const SWAPS = [
  [SHORTEST_HOPS, INDEXED_HOPS],
  [SHORTEST_HOPS_RELATIONSHIP, INDEXED_HOPS_RELATIONSHIP],
  [LISTED_MUTUALS_RELATIONSHIP, INDEXED_MUTUALS_RELATIONSHIP],
  [LISTED_MUTUALS, INDEXED_MUTUALS],
  [LISTED_CONNECTIONS_RELATIONSHIP, UNLISTED_CONNECTIONS],
  [LISTED_CONNECTIONS, UNLISTED_CONNECTIONS],
  [SHORTEST_PATH, INDEXED_PATH],
  [SUGGESTIONS, INDEXED_SUGGESTIONS],
];

/** Whether Neo4j serves the index's procedures (as cypher/network_index.py asks). */
export async function servesNetworkIndex(driver) {
  const { records } = await driver.executeQuery(
    "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'vernetzt.network.' RETURN collect(name) AS names",
  );
  const names = records[0].get("names");
  return names.includes("vernetzt.network.suggestions") && names.includes("vernetzt.network.path");
}

/** `typeDefs` with its discovery Cypher calling the index; each swapped text must be there. */
export function indexedTypeDefs(typeDefs) {
  let swapped = typeDefs;
  for (const [reference, indexed] of SWAPS) {
    if (!swapped.includes(reference)) {
      throw new Error(`typeDefs.graphql no longer holds:\n${reference}`);
    }
    swapped = swapped.replace(reference, indexed);
  }
  return swapped;
}
