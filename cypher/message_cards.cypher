// The messages of $ids that viewer $viewer may read (a participant of their conversation, not
// across a block, R18), one row each: `id`, `senderId`, `subject`, `body`, `sentAt`,
// `conversationId`.
MATCH (v:Member {id: $viewer})
UNWIND $ids AS id
MATCH (v)-[:IN]->(c:Conversation)-[:HAS]->(message:Message {id: id})
MATCH (c)<-[:IN]-(other:Member)
WHERE other <> v AND NOT EXISTS { (v)-[:BLOCKED]-(other) }
RETURN message.id AS id, message.senderId AS senderId, message.subject AS subject,
       message.body AS body, message.sentAt AS sentAt, c.id AS conversationId
