// Accepts invitation $invitation (R7): removes it, creates the one connection of the pair
// ($pair key, unique) since $now (epoch ms), and makes each member follow the other (an
// existing follow is kept). MERGE makes a retried transaction change nothing more. Returns
// nothing.
MATCH (from:Member)-[i:INVITED {id: $invitation}]->(to:Member)
DELETE i
MERGE (from)-[c:CONNECTED {pair: $pair}]-(to)
  ON CREATE SET c.since = datetime({epochMillis: $now})
MERGE (from)-[f1:FOLLOWS {key: from.id + '>' + to.id}]->(to)
  ON CREATE SET f1.since = datetime({epochMillis: $now})
MERGE (to)-[f2:FOLLOWS {key: to.id + '>' + from.id}]->(from)
  ON CREATE SET f2.since = datetime({epochMillis: $now})
