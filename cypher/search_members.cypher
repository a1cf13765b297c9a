// One page of the members whose name or headline matches the Lucene query $lucene (R22), for
// viewer $viewer: members in a block with the viewer are left out (R18). Best match first, then
// id; each item: `id`, `cursor` [-score, id]; `total` counts every visible match.
MATCH (v:Member {id: $viewer})
WITH COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
CALL (blockedIds) {
  CALL db.index.fulltext.queryNodes('member_search', $lucene) YIELD node
  WHERE NOT node.id IN blockedIds
  RETURN count(node) AS total
}
CALL (blockedIds) {
  CALL db.index.fulltext.queryNodes('member_search', $lucene) YIELD node, score
  WHERE NOT node.id IN blockedIds
  WITH node, [-score, node.id] AS cursor
  WHERE $after IS NULL OR cursor > $after
  ORDER BY cursor
  LIMIT $limit
  RETURN collect({id: node.id, cursor: cursor}) AS items
}
RETURN items, total
