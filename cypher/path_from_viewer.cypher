// How viewer $viewer is connected to member $member (R23): `path`, the ids from the viewer to
// the member along one shortest path of connections, for degree 2 or 3 only (no row otherwise).
// Members in a block with the viewer are never on it (R10, R18). On a path of 3 the member after
// the viewer's connection is withheld (null): the viewer may not see that member's connections
// (R11). Of the shortest paths the smallest by ids is taken, so the same graph gives the same path.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
WHERE v <> m
WITH v, m, COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
WHERE NOT m.id IN blockedIds
MATCH p = ALL SHORTEST (v)(()-[:CONNECTED]-(x:Member) WHERE NOT x.id IN blockedIds){1,3}(m)
WITH p, [n IN nodes(p) | n.id] AS path
ORDER BY path
LIMIT 1
WITH path WHERE size(path) >= 3
RETURN [i IN range(0, size(path) - 1) | CASE WHEN size(path) = 4 AND i = 2 THEN null ELSE path[i] END]
  AS path
