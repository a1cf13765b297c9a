// One page of the members and companies viewer $viewer follows (R14), hidden follows left out
// (R13). Newest follow first; each item: `id`, `kind` ('Member' or 'Company'), `since`,
// `cursor` [since in ms, id]; `total` counts them all.
MATCH (v:Member {id: $viewer})
CALL (v) {
  MATCH (v)-[:FOLLOWS]->(t)
  WHERE t:Company OR t.whoCanFollow = 'EVERYONE' OR EXISTS { (v)-[:CONNECTED]-(t) }
  RETURN count(t) AS total
}
CALL (v) {
  MATCH (v)-[follow:FOLLOWS]->(t)
  WHERE t:Company OR t.whoCanFollow = 'EVERYONE' OR EXISTS { (v)-[:CONNECTED]-(t) }
  WITH t, follow, [follow.since.epochMillis, t.id] AS cursor
  WHERE $after IS NULL OR cursor < $after
  ORDER BY cursor DESC
  LIMIT $limit
  RETURN collect({
    id: t.id, kind: CASE WHEN t:Company THEN 'Company' ELSE 'Member' END,
    since: follow.since, cursor: cursor
  }) AS items
}
RETURN items, total
