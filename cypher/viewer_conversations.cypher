// One page of viewer $viewer's conversations, the latest message first, leaving out those with
// members in a block with the viewer (R18); each item: `id`, `cursor` [lastMessageAt in ms, id].
MATCH (v:Member {id: $viewer})-[:IN]->(c:Conversation)<-[:IN]-(other:Member)
WHERE other <> v AND NOT EXISTS { (v)-[:BLOCKED]-(other) }
WITH c, [c.lastMessageAt.epochMillis, c.id] AS cursor
WHERE $after IS NULL OR cursor < $after
ORDER BY cursor DESC
LIMIT $limit
RETURN collect({id: c.id, cursor: cursor}) AS items
