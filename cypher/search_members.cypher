// One page of the members whose name or headline matches the Lucene query $lucene (R22), for
// viewer $viewer: members in a block with the viewer are left out (R18). Search reaches the best
// $reach matches (R22): the index is asked for no more than that (and the viewer's blocks, which
// are left out after it), so a search that matches a million members reads a thousand. Best
// match first, then id; each item: `id`, `cursor` [-score, id]; `total` counts the visible
// matches up to $reach, `exact` whether there are no more.
MATCH (v:Member {id: $viewer})
WITH COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
CALL (blockedIds) {
  CALL db.index.fulltext.queryNodes(
    'member_search', $lucene, {limit: $reach + 1 + size(blockedIds)}
  ) YIELD node, score
  WHERE NOT node.id IN blockedIds
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $reach + 1
  RETURN collect([-score, node.id]) AS best
}
WITH best[..$reach] AS reached, size(best) <= $reach AS exact
RETURN [c IN reached WHERE $after IS NULL OR c > $after | {id: c[1], cursor: c}][..$limit]
         AS items,
       size(reached) AS total, exact
