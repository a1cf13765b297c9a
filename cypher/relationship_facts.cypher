// What R29's explanation decides on, for the viewer $viewer and each member of $ids: the
// columns of pair_state.cypher (the connecting rules) and of message_state.cypher (the
// messaging rules), read without their locks, and the follows as stored (`viewerFollows`,
// `memberFollows`), the viewer's `whoCanFollow` as `viewerWhoCanFollow` and the member's
// `connectionsVisibility`, which the visibility rules read: one row, `rows`, a map per existing
// member, by id or by $handle (a profile page's member, read beside its card).
MATCH (v:Member {id: $viewer})
CALL () {
  UNWIND $ids AS id
  MATCH (m:Member {id: id})
  RETURN m
  UNION
  MATCH (m:Member {handle: $handle})
  RETURN m
}
OPTIONAL MATCH (v)-[sent:INVITED]->(m)
OPTIONAL MATCH (m)-[received:INVITED]->(v)
OPTIONAL MATCH (v)-[withdrew:WITHDREW]->(m)
RETURN collect({
  id: m.id,
  isSelf: v = m,
  blocked: EXISTS { (v)-[:BLOCKED]-(m) },
  viewerBlocked: EXISTS { (v)-[:BLOCKED]->(m) },
  connected: EXISTS { (v)-[:CONNECTED]-(m) },
  sentId: sent.id,
  receivedId: received.id,
  invitationPolicy: m.invitationPolicy,
  emailKey: m.emailKey,
  whoCanFollow: m.whoCanFollow,
  viewerConnections: COUNT { (v)-[:CONNECTED]-() },
  memberConnections: COUNT { (m)-[:CONNECTED]-() },
  invitationLog: coalesce(v.invitationLog, []),
  withdrewAt: withdrew.at.epochMillis,
  hasInMail: EXISTS { (v)-[:IN]->(:Conversation {hasInMail: true})<-[:IN]-(m) },
  acceptsInMail: m.acceptsInMail,
  openProfile: m.openProfile,
  credits: v.inMailCredits,
  viewerFollows: EXISTS { (v)-[:FOLLOWS]->(m) },
  memberFollows: EXISTS { (m)-[:FOLLOWS]->(v) },
  viewerWhoCanFollow: v.whoCanFollow,
  connectionsVisibility: m.connectionsVisibility
}) AS rows
