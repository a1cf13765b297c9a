// Makes viewer $viewer follow member or company $target since $now (epoch ms), unless it does
// already (R13: following twice changes nothing; the key is unique). Returns nothing.
MATCH (v:Member {id: $viewer})
OPTIONAL MATCH (member:Member {id: $target})
OPTIONAL MATCH (company:Company {id: $target})
WITH v, coalesce(member, company) AS t
WHERE t IS NOT NULL
MERGE (v)-[f:FOLLOWS {key: v.id + '>' + t.id}]->(t)
  ON CREATE SET f.since = datetime({epochMillis: $now})
