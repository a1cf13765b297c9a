// One page of the members viewer $viewer blocked (only the blocker sees them, R18), newest
// block first; each item: `id`, `handle`, `name`, `blockedAt`, `cursor` [blockedAt in ms, id];
// `total` counts them all.
MATCH (v:Member {id: $viewer})
CALL (v) {
  MATCH (v)-[b:BLOCKED]->(:Member)
  RETURN count(b) AS total
}
CALL (v) {
  MATCH (v)-[b:BLOCKED]->(x:Member)
  WITH x, b, [b.at.epochMillis, x.id] AS cursor
  WHERE $after IS NULL OR cursor < $after
  ORDER BY cursor DESC
  LIMIT $limit
  RETURN collect({id: x.id, handle: x.handle, name: x.name, blockedAt: b.at, cursor: cursor})
    AS items
}
RETURN items, total
