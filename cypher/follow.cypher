// Makes viewer $viewer follow member or company $target since $now (epoch ms), unless it does
// already (R13: following twice changes nothing; the key is unique). Returns `since` (epoch
// ms) and `created`: whether this follow is new (a new follow of a member notifies, R26).
MATCH (v:Member {id: $viewer})
OPTIONAL MATCH (member:Member {id: $target})
OPTIONAL MATCH (company:Company {id: $target})
WITH v, coalesce(member, company) AS t
WHERE t IS NOT NULL
WITH v, t, EXISTS { (v)-[:FOLLOWS]->(t) } AS existed
MERGE (v)-[f:FOLLOWS {key: v.id + '>' + t.id}]->(t)
  ON CREATE SET f.since = datetime({epochMillis: $now})
RETURN f.since.epochMillis AS since, NOT existed AS created
