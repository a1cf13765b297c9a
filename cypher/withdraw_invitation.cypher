// Withdraws invitation $invitation (R8): removes it and records when the inviter withdrew, for
// the reinvitation cooldown. Returns nothing.
MATCH (from:Member)-[i:INVITED {id: $invitation}]->(to:Member)
DELETE i
MERGE (from)-[w:WITHDREW]->(to)
SET w.at = datetime({epochMillis: $now})
