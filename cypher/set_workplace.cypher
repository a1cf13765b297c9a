// Sets viewer $viewer's one current workplace to company $company, or none when it is null
// (R20). Returns nothing.
MATCH (v:Member {id: $viewer})
OPTIONAL MATCH (v)-[old:WORKS_AT]->(:Company)
DELETE old
WITH v
OPTIONAL MATCH (c:Company {id: $company})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (v)-[:WORKS_AT]->(c))
