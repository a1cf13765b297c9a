// One page of company $company's posts (always to ANYONE, R17), newest first; each item:
// `id`, `cursor` [createdAt in ms, id].
OPTIONAL MATCH (c:Company {id: $company})-[:POSTED]->(p:Post)
WITH p, [p.createdAt.epochMillis, p.id] AS cursor
WHERE p IS NOT NULL AND ($after IS NULL OR cursor < $after)
ORDER BY cursor DESC
LIMIT $limit
RETURN collect({id: p.id, cursor: cursor}) AS items
