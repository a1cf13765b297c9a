// The companies of which member $id is the only admin (R28: deleting the account is refused
// while there is one, R20), by name; `name` per row.
MATCH (m:Member {id: $id})-[:ADMIN_OF]->(c:Company)
WHERE NOT EXISTS { MATCH (c)<-[:ADMIN_OF]-(other:Member) WHERE other <> m }
RETURN c.name AS name
ORDER BY name
