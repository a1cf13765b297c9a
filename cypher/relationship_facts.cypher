// What R29's explanation decides on, for the viewer $viewer and each member of $ids: the
// columns of pair_state.cypher (the connecting rules) and of message_state.cypher (the
// messaging rules), read without their locks, and the follows as stored (`viewerFollows`,
// `memberFollows`), the viewer's `whoCanFollow` as `viewerWhoCanFollow` and the member's
// `connectionsVisibility`, which the visibility rules read. A row per existing member, `id`.
MATCH (v:Member {id: $viewer})
UNWIND $ids AS id
MATCH (m:Member {id: id})
OPTIONAL MATCH (v)-[sent:INVITED]->(m)
OPTIONAL MATCH (m)-[received:INVITED]->(v)
OPTIONAL MATCH (v)-[withdrew:WITHDREW]->(m)
RETURN m.id AS id,
       v = m AS isSelf,
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
       withdrew.at.epochMillis AS withdrewAt,
       EXISTS { (v)-[:IN]->(:Conversation {hasInMail: true})<-[:IN]-(m) } AS hasInMail,
       m.acceptsInMail AS acceptsInMail,
       m.openProfile AS openProfile,
       v.inMailCredits AS credits,
       EXISTS { (v)-[:FOLLOWS]->(m) } AS viewerFollows,
       EXISTS { (m)-[:FOLLOWS]->(v) } AS memberFollows,
       v.whoCanFollow AS viewerWhoCanFollow,
       m.connectionsVisibility AS connectionsVisibility
