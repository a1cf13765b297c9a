// Creates company $id with $handle, $name, $description at $now (epoch ms); viewer $viewer is
// its first admin (R20). A taken handle fails on the uniqueness constraint. Returns `id`.
MATCH (v:Member {id: $viewer})
CREATE (c:Company {
  id: $id, handle: $handle, name: $name, description: $description,
  createdAt: datetime({epochMillis: $now})
})
CREATE (v)-[:ADMIN_OF {since: datetime({epochMillis: $now})}]->(c)
RETURN c.id AS id
