// Locks both members of invitation $invitation (lower id first) and returns `fromId`, `toId`
// and their connection counts `fromConnections`, `toConnections` (R6); no row when there is no
// such pending invitation. Bound with `unlocked` in place of the lock, it is the read a write is
// decided on (as pair_state.cypher).
MATCH (from:Member)-[i:INVITED {id: $invitation}]->(to:Member)
{{part:lock_invitation}}
WITH from, to
// Matched again after the lock: an accept or withdrawal that committed meanwhile removed it.
MATCH (from)-[:INVITED {id: $invitation}]->(to)
RETURN from.id AS fromId, to.id AS toId,
       COUNT { (from)-[:CONNECTED]-() } AS fromConnections,
       COUNT { (to)-[:CONNECTED]-() } AS toConnections
