// One page of the invitations viewer $viewer sent that are still pending, ignored ones included
// (the inviter is not told, R8), newest first; each item: `id`, `fromId`, `toId`, `message`,
// `sentAt`, `cursor` [sentAt in ms, id]; `total` counts them all.
MATCH (v:Member {id: $viewer})
CALL (v) {
  MATCH (v)-[i:INVITED]->(:Member)
  RETURN count(i) AS total
}
CALL (v) {
  MATCH (v)-[i:INVITED]->(to:Member)
  WITH to, i, [i.sentAt.epochMillis, i.id] AS cursor
  WHERE $after IS NULL OR cursor < $after
  ORDER BY cursor DESC
  LIMIT $limit
  RETURN collect({
    id: i.id, fromId: v.id, toId: to.id, message: i.message, sentAt: i.sentAt, cursor: cursor
  }) AS items
}
RETURN items, total
