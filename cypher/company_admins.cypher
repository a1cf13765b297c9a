// The ids of company $company's admins as `ids`, by the time they became admins, only when
// viewer $viewer is one of them (R20); `ids` is null otherwise.
MATCH (c:Company {id: $company})
OPTIONAL MATCH (v:Member {id: $viewer})
WITH c, EXISTS { (v)-[:ADMIN_OF]->(c) } AS isAdmin
CALL (c) {
  MATCH (admin:Member)-[a:ADMIN_OF]->(c)
  WITH admin, a ORDER BY a.since, admin.id
  RETURN collect(admin.id) AS ids
}
RETURN CASE WHEN isAdmin THEN ids END AS ids
