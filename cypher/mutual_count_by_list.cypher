// Part of member_relations: `mutualCount`, how many connections viewer `v` and member `m` share,
// as Member.mutualConnections lists them (none for oneself), from `viewerConnections` (the
// elementIds of v's connections, read once for all members). The reference;
// mutual_count_by_index.cypher answers it from the index.
RETURN CASE WHEN v = m THEN 0
  ELSE size([x IN COLLECT { MATCH (m)-[:CONNECTED]-(y:Member) RETURN elementId(y) }
             WHERE x IN viewerConnections])
END AS mutualCount
