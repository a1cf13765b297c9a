// The degree (R10) of each member of $ids, or of the one with handle $handle, that viewer
// $viewer may see (a block hides, R18): one row, `rows`, an item per member, any order, `id`
// and `degree` as member_relations.cypher has them, without the rest of the relationship. Lists
// that show only the degree (connections, a feed's authors) ask for this instead.
MATCH (v:Member {id: $viewer})
WITH v, COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
CALL {
  UNWIND $ids AS id
  MATCH (m:Member {id: id})
  RETURN m
  UNION
  MATCH (m:Member {handle: $handle})
  RETURN m
}
WITH v, m, blockedIds
WHERE NOT m.id IN blockedIds
CALL (v, m, blockedIds) { {{part:hops_by_shortest}} }
WITH v, m, hops
RETURN collect({
  id: m.id,
  degree: CASE
    WHEN v = m THEN 'SELF'
    WHEN hops = 1 THEN 'FIRST'
    WHEN hops = 2 THEN 'SECOND'
    WHEN hops = 3 THEN 'THIRD'
    ELSE 'OUT_OF_NETWORK'
  END
}) AS rows
