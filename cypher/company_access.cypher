// Company $company as viewer $viewer acts on it: `isAdmin`; no row when it does not exist.
MATCH (c:Company {id: $company}), (v:Member {id: $viewer})
RETURN EXISTS { (v)-[:ADMIN_OF]->(c) } AS isAdmin
