// The ids of company $company's admins as `ids`, by the time they became admins, only when
// viewer $viewer is one of them (R20); no row otherwise.
MATCH (c:Company {id: $company})<-[:ADMIN_OF]-(v:Member {id: $viewer})
MATCH (admin:Member)-[a:ADMIN_OF]->(c)
WITH admin, a ORDER BY a.since, admin.id
RETURN collect(admin.id) AS ids
