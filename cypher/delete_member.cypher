// Deletes member $id and everything that is theirs (R28), in the caller's transaction:
// notifications to and from them, their conversations with every message (for both
// participants), their posts and shares (others' shares of them then show the original as
// unavailable, R17), their requestId claims, their write window and live socket slots; then the
// member with every relationship: connections, follows and invitations both ways, blocks both
// ways, their dismissals and others' dismissals and cooldowns about them, admin roles and
// workplace. The invitations others sent them stay counted in the senders' weekly quota (their
// log is on the sender). Returns `deleted` (false when there was no such member).
OPTIONAL MATCH (m:Member {id: $id})
CALL (m) {
  MATCH (n:Notification {recipient: m.id})
  DETACH DELETE n
}
CALL (m) {
  MATCH (n:Notification {actor: m.id})
  DETACH DELETE n
}
CALL (m) {
  MATCH (m)-[:IN]->(c:Conversation)
  CALL (c) {
    MATCH (c)-[:HAS]->(message:Message)
    DETACH DELETE message
  }
  DETACH DELETE c
}
CALL (m) {
  MATCH (m)-[:POSTED]->(p:Post)
  DETACH DELETE p
}
CALL (m) {
  MATCH (r:Request) WHERE r.key STARTS WITH m.id + ':'
  DELETE r
}
CALL (m) {
  MATCH (w:RateWindow {key: 'writes:' + m.id})
  DELETE w
}
CALL (m) {
  MATCH (s:LiveSocket {member: m.id})
  DELETE s
}
WITH m, m IS NOT NULL AS deleted
DETACH DELETE m
RETURN deleted
