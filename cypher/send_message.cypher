// Adds message $id from viewer $viewer to member $member at $now (epoch ms) to the pair's one
// conversation ($pair key, unique: created on the first message, its kind the first message's
// $kind, R12). An InMail ($kind 'INMAIL', with $subject) marks the conversation as holding one
// and costs the viewer $cost credits (R16). Returns the conversation's `id`.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
MERGE (c:Conversation {pair: $pair})
  ON CREATE SET c.id = $conversationId, c.kind = $kind, c.hasInMail = false
MERGE (v)-[:IN]->(c)
MERGE (m)-[:IN]->(c)
CREATE (c)-[:HAS]->(:Message {
  id: $id, senderId: v.id, subject: $subject, body: $body,
  sentAt: datetime({epochMillis: $now})
})
SET c.lastMessageAt = datetime({epochMillis: $now}),
    c.hasInMail = c.hasInMail OR $kind = 'INMAIL',
    v.inMailCredits = v.inMailCredits - $cost
RETURN c.id AS id
