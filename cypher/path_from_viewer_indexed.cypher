// How viewer $viewer is connected to member $member (R23), from the network index
// (network-index/, docs/discovery.md): `path` as path_from_viewer.cypher, the reference, answers
// it (the smallest shortest path by ids, the member after the viewer's connection withheld on a
// path of 3), and no row for degree 1, beyond 3, a block or the viewer itself.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
WHERE v <> m
CALL vernetzt.network.path(v, m) YIELD path
RETURN [i IN range(0, size(path) - 1) | CASE WHEN size(path) = 4 AND i = 2 THEN null ELSE path[i] END]
  AS path
