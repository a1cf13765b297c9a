// One page of member $member's posts that viewer $viewer may see (R17: following is not
// needed; R18: none across a block), newest first; each item: `id`, `cursor`
// [createdAt in ms, id].
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
WHERE NOT EXISTS { (v)-[:BLOCKED]-(m) }
WITH v, m, v = m OR EXISTS { (v)-[:CONNECTED]-(m) } AS close
MATCH (m)-[:POSTED]->(p:Post)
WHERE p.audience = 'ANYONE' OR close
WITH p, [p.createdAt.epochMillis, p.id] AS cursor
WHERE $after IS NULL OR cursor < $after
ORDER BY cursor DESC
LIMIT $limit
RETURN collect({id: p.id, cursor: cursor}) AS items
