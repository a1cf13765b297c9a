// One page of the members who follow viewer $viewer (R14: the viewer's own list), hidden
// follows left out (R13). Newest follow first; each item: `id`, `since`, `cursor`
// [since in ms, id]; `total` counts them all.
MATCH (v:Member {id: $viewer})
CALL (v) {
  MATCH (f:Member)-[:FOLLOWS]->(v)
  WHERE v.whoCanFollow = 'EVERYONE' OR EXISTS { (f)-[:CONNECTED]-(v) }
  RETURN count(f) AS total
}
CALL (v) {
  MATCH (f:Member)-[follow:FOLLOWS]->(v)
  WHERE v.whoCanFollow = 'EVERYONE' OR EXISTS { (f)-[:CONNECTED]-(v) }
  WITH f, follow, [follow.since.epochMillis, f.id] AS cursor
  WHERE $after IS NULL OR cursor < $after
  ORDER BY cursor DESC
  LIMIT $limit
  RETURN collect({id: f.id, since: follow.since, cursor: cursor}) AS items
}
RETURN items, total
