// One page of the members who state company $company as their workplace (R20), members in a
// block with viewer $viewer left out; by name, then id; each item: `id`, `cursor` [name, id];
// `total` counts them.
OPTIONAL MATCH (v:Member {id: $viewer})
WITH COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
CALL (blockedIds) {
  OPTIONAL MATCH (m:Member)-[:WORKS_AT]->(:Company {id: $company})
  WHERE NOT m.id IN blockedIds
  RETURN count(m) AS total
}
CALL (blockedIds) {
  OPTIONAL MATCH (m:Member)-[:WORKS_AT]->(:Company {id: $company})
  WHERE NOT m.id IN blockedIds
  WITH m, [m.name, m.id] AS cursor
  WHERE m IS NOT NULL AND ($after IS NULL OR cursor > $after)
  ORDER BY cursor
  LIMIT $limit
  RETURN collect({id: m.id, cursor: cursor}) AS items
}
RETURN items, total
