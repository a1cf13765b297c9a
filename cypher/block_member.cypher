// Viewer $viewer blocks member $member (R18): removes the connection, pending invitations and
// follows between them in both directions and the notifications between them (R26, by their
// $pair), and records the block since $now (epoch ms); the key is unique. Returns the blocked
// member's `id`, `handle`, `name`, `blockedAt`.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
CALL (v, m) {
  OPTIONAL MATCH (v)-[r:CONNECTED|INVITED|FOLLOWS]-(m)
  DELETE r
}
CALL () {
  MATCH (n:Notification {pair: $pair})
  DELETE n
}
MERGE (v)-[b:BLOCKED {key: v.id + '>' + m.id}]->(m)
  ON CREATE SET b.at = datetime({epochMillis: $now})
RETURN m.id AS id, m.handle AS handle, m.name AS name, b.at AS blockedAt
