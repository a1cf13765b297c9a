// Locks both members of invitation $invitation (lower id first) and returns `fromId`, `toId`
// and their connection counts `fromConnections`, `toConnections` (R6); no row when there is no
// such pending invitation.
MATCH (from:Member)-[i:INVITED {id: $invitation}]->(to:Member)
FOREACH (n IN CASE WHEN from.id < to.id THEN [from, to] ELSE [to, from] END |
  SET n.lock = true REMOVE n.lock)
WITH from, to
// Matched again after the lock: an accept or withdrawal that committed meanwhile removed it.
MATCH (from)-[:INVITED {id: $invitation}]->(to)
RETURN from.id AS fromId, to.id AS toId,
       COUNT { (from)-[:CONNECTED]-() } AS fromConnections,
       COUNT { (to)-[:CONNECTED]-() } AS toConnections
