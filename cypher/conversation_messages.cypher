// One page of conversation $conversation's messages, newest first, only for a participant
// $viewer (not across a block, R18); each item: `id`, `senderId`, `subject`, `body`, `sentAt`,
// `cursor` [sentAt in ms, id].
MATCH (v:Member {id: $viewer})-[:IN]->(c:Conversation {id: $conversation})<-[:IN]-(other:Member)
WHERE other <> v AND NOT EXISTS { (v)-[:BLOCKED]-(other) }
MATCH (c)-[:HAS]->(message:Message)
WITH message, [message.sentAt.epochMillis, message.id] AS cursor
WHERE $after IS NULL OR cursor < $after
ORDER BY cursor DESC
LIMIT $limit
RETURN collect({
  id: message.id, senderId: message.senderId, subject: message.subject, body: message.body,
  sentAt: message.sentAt, cursor: cursor
}) AS items
