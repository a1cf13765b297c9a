// One page of the members connected to both viewer $viewer and member $member (R11: always
// visible to a signed-in viewer); empty for an anonymous viewer. By name, then id; each item:
// `id`, `cursor` [name, id]; `total` counts them all.
OPTIONAL MATCH (v:Member {id: $viewer})
OPTIONAL MATCH (m:Member {id: $member})
CALL (v, m) {
  OPTIONAL MATCH (v)-[:CONNECTED]-(x:Member)-[:CONNECTED]-(m)
  WHERE x <> v AND x <> m
  RETURN count(x) AS total
}
CALL (v, m) {
  OPTIONAL MATCH (v)-[:CONNECTED]-(x:Member)-[:CONNECTED]-(m)
  WHERE x <> v AND x <> m
  WITH x, [x.name, x.id] AS cursor
  WHERE x IS NOT NULL AND ($after IS NULL OR cursor > $after)
  ORDER BY cursor
  LIMIT $limit
  RETURN collect({id: x.id, cursor: cursor}) AS items
}
RETURN items, total
