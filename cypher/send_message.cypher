// Adds message $id from viewer $viewer to member $member at $now (epoch ms) to the pair's one
// conversation ($pair key, unique: created on the first message, its kind the first message's
// $kind, R12). An InMail ($kind 'INMAIL', with $subject) marks the conversation as holding one
// and costs the viewer $cost credits (R16). Each message takes the conversation's next `seq`
// under the conversation's lock, so their numbers are their commit order (R27). Returns the
// conversation's `id`.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
MERGE (c:Conversation {pair: $pair})
  ON CREATE SET c.id = $conversationId, c.kind = $kind, c.hasInMail = false
MERGE (v)-[:IN]->(c)
MERGE (m)-[:IN]->(c)
SET c.messageSeq = coalesce(c.messageSeq, 0) + 1
CREATE (c)-[:HAS]->(:Message {
  id: $id, senderId: v.id, subject: $subject, body: $body,
  sentAt: datetime({epochMillis: $now}), conversation: c.id, seq: c.messageSeq
})
SET c.lastMessageAt = datetime({epochMillis: $now}),
    c.hasInMail = c.hasInMail OR $kind = 'INMAIL',
    v.inMailCredits = v.inMailCredits - $cost
RETURN c.id AS id
