// Up to $limit members viewer $viewer may know (R21): second-degree members ranked by their
// mutual connections with the viewer (ties: newest member first, then id), without the viewer's
// connections, pending invitations either way (ignored ones too), blocks either way and
// members the viewer dismissed. Each row: `id`, `mutualCount`, `sample` (the ids of up to three
// mutual connections, by name).
// Counting comes first and the exclusions are checked in rank order only until $limit members
// pass them: a member with thousands of connections has a hundred thousand candidates, and
// checking four patterns for each of them cost seconds.
MATCH (v:Member {id: $viewer})-[:CONNECTED]-(:Member)-[:CONNECTED]-(candidate:Member)
WHERE candidate <> v
WITH v, candidate, count(*) AS mutualCount
ORDER BY mutualCount DESC, candidate.joinedAt DESC, candidate.id
WITH v, candidate, mutualCount
WHERE NOT EXISTS { (v)-[:CONNECTED]-(candidate) }
  AND NOT EXISTS { (v)-[:INVITED]-(candidate) }
  AND NOT EXISTS { (v)-[:BLOCKED]-(candidate) }
  AND NOT EXISTS { (v)-[:DISMISSED]->(candidate) }
LIMIT $limit
// The sample starts from the candidate: walking from a viewer with thousands of connections
// to meet it cost millions of db hits.
WITH v, candidate, mutualCount, COLLECT { MATCH (v)-[:CONNECTED]-(x) RETURN x } AS viewerConnections
RETURN candidate.id AS id, mutualCount,
       COLLECT {
         MATCH (candidate)-[:CONNECTED]-(x:Member)
         WHERE x IN viewerConnections
         WITH x ORDER BY x.name, x.id LIMIT 3
         RETURN x.id
       } AS sample
