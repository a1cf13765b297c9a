// How viewer $viewer stands with each company of $ids, one row each: `isFollowing`, `isAdmin`.
MATCH (v:Member {id: $viewer})
UNWIND $ids AS id
MATCH (c:Company {id: id})
RETURN c.id AS id, EXISTS { (v)-[:FOLLOWS]->(c) } AS isFollowing,
       EXISTS { (v)-[:ADMIN_OF]->(c) } AS isAdmin
