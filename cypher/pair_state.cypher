// Locks viewer $viewer and member $member (lock_pair.cypher) and returns what the connecting
// rules decide on, as resolvers/rules/network.PairState names it; no row when either member does
// not exist. Reading after the lock sees every transaction on the pair that committed before.
// Bound with `unlocked` in place of the lock, it is the read a write is decided on before the
// write reads it again under the lock (resolvers.request.writes.decided_write).
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
{{part:lock_pair}}
WITH v, m
OPTIONAL MATCH (v)-[sent:INVITED]->(m)
OPTIONAL MATCH (m)-[received:INVITED]->(v)
OPTIONAL MATCH (v)-[withdrew:WITHDREW]->(m)
RETURN v = m AS isSelf,
       EXISTS { (v)-[:BLOCKED]-(m) } AS blocked,
       EXISTS { (v)-[:BLOCKED]->(m) } AS viewerBlocked,
       EXISTS { (v)-[:CONNECTED]-(m) } AS connected,
       sent.id AS sentId,
       received.id AS receivedId,
       m.invitationPolicy AS invitationPolicy,
       m.emailKey AS emailKey,
       m.whoCanFollow AS whoCanFollow,
       COUNT { (v)-[:CONNECTED]-() } AS viewerConnections,
       COUNT { (m)-[:CONNECTED]-() } AS memberConnections,
       coalesce(v.invitationLog, []) AS invitationLog,
       withdrew.at.epochMillis AS withdrewAt
