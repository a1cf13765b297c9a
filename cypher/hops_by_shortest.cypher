// Part of member_degrees and member_relations: `hops`, the connections on the shortest path from
// viewer `v` to member `m` (1 to 3) that avoids every member in `blockedIds` (R10, R18), or null
// when there is none or m is v. The reference; hops_by_index.cypher answers it from the index.
OPTIONAL MATCH p = SHORTEST 1 (v)(()-[:CONNECTED]-(x:Member) WHERE NOT x.id IN blockedIds){1,3}(m)
  WHERE v <> m
RETURN length(p) AS hops
