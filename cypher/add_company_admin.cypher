// Makes member $member an admin of company $company since $now (epoch ms), once. Returns nothing.
MATCH (c:Company {id: $company}), (m:Member {id: $member})
MERGE (m)-[a:ADMIN_OF]->(c)
  ON CREATE SET a.since = datetime({epochMillis: $now})
