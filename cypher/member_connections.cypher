// One page of member $member's connections for viewer $viewer (R11): `items` is null when the
// list is hidden (the viewer is neither the member nor a connection of a member who shows
// them); members in a block with the viewer are left out (R18). Newest connection first;
// each item: `id`, `since`, `cursor` [since in ms, id]; `total` counts the visible list.
MATCH (m:Member {id: $member})
OPTIONAL MATCH (v:Member {id: $viewer})
WITH m, v,
     v = m OR (m.connectionsVisibility = 'CONNECTIONS' AND EXISTS { (v)-[:CONNECTED]-(m) })
       AS visible,
     COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
CALL (m, blockedIds) {
  MATCH (m)-[:CONNECTED]-(x:Member)
  WHERE NOT x.id IN blockedIds
  RETURN count(x) AS total
}
CALL (m, blockedIds) {
  MATCH (m)-[c:CONNECTED]-(x:Member)
  WHERE NOT x.id IN blockedIds
  WITH x, c, [c.since.epochMillis, x.id] AS cursor
  WHERE $after IS NULL OR cursor < $after
  ORDER BY cursor DESC
  LIMIT $limit
  RETURN collect({id: x.id, since: c.since.epochMillis, cursor: cursor}) AS items
}
RETURN CASE WHEN visible THEN items END AS items, CASE WHEN visible THEN total ELSE 0 END AS total
