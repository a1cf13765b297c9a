// Up to $limit members viewer $viewer may know (R21): second-degree members ranked by their
// mutual connections with the viewer (ties: newest member first, then id), without the viewer's
// connections, pending invitations either way (ignored ones too), blocks either way and
// members the viewer dismissed. Each row: `id`, `mutualCount`, `sample` (the ids of up to three
// mutual connections, by name).
MATCH (v:Member {id: $viewer})-[:CONNECTED]-(mutual:Member)-[:CONNECTED]-(candidate:Member)
WHERE candidate <> v
  AND NOT EXISTS { (v)-[:CONNECTED]-(candidate) }
  AND NOT EXISTS { (v)-[:INVITED]-(candidate) }
  AND NOT EXISTS { (v)-[:BLOCKED]-(candidate) }
  AND NOT EXISTS { (v)-[:DISMISSED]->(candidate) }
WITH candidate, count(mutual) AS mutualCount, collect(mutual) AS mutuals
ORDER BY mutualCount DESC, candidate.joinedAt DESC, candidate.id
LIMIT $limit
RETURN candidate.id AS id, mutualCount,
       COLLECT {
         UNWIND mutuals AS x
         WITH x ORDER BY x.name, x.id LIMIT 3
         RETURN x.id
       } AS sample
