// One page of company $company's followers for viewer $viewer: `items` is null unless the viewer
// is one of its admins (R20). Newest follow first; each item: `id`, `since`, `cursor`
// [since in ms, id]; `total` counts them all.
MATCH (c:Company {id: $company}), (v:Member {id: $viewer})
WITH c, EXISTS { (v)-[:ADMIN_OF]->(c) } AS isAdmin
CALL (c) {
  MATCH (:Member)-[f:FOLLOWS]->(c)
  RETURN count(f) AS total
}
CALL (c) {
  MATCH (m:Member)-[f:FOLLOWS]->(c)
  WITH m, f, [f.since.epochMillis, m.id] AS cursor
  WHERE $after IS NULL OR cursor < $after
  ORDER BY cursor DESC
  LIMIT $limit
  RETURN collect({id: m.id, since: f.since, cursor: cursor}) AS items
}
RETURN CASE WHEN isAdmin THEN items END AS items, CASE WHEN isAdmin THEN total ELSE 0 END AS total
