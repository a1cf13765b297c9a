// One page of the invitations viewer $viewer received and has not ignored (R8), newest first;
// each item: `id`, `fromId`, `toId`, `message`, `sentAt`, `cursor` [sentAt in ms, id];
// `total` counts them all.
MATCH (v:Member {id: $viewer})
CALL (v) {
  MATCH (:Member)-[i:INVITED]->(v)
  WHERE NOT i.ignored
  RETURN count(i) AS total
}
CALL (v) {
  MATCH (from:Member)-[i:INVITED]->(v)
  WHERE NOT i.ignored
  WITH from, i, [i.sentAt.epochMillis, i.id] AS cursor
  WHERE $after IS NULL OR cursor < $after
  ORDER BY cursor DESC
  LIMIT $limit
  RETURN collect({
    id: i.id, fromId: from.id, toId: v.id, message: i.message, sentAt: i.sentAt, cursor: cursor
  }) AS items
}
RETURN items, total
