// One page of the messages in member $id's conversations, for the export (R28), after key
// $after ([conversation id, seq]), at most $size, in conversation and commit order; the
// conversations with a member in a block with them are left out, as their list does (R18).
// One row: `page`, a list of {key, item {conversation, kind, with {handle, name}, from (the
// sender's handle), subject, body, sentAt}}.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)-[:IN]->(c:Conversation)<-[:IN]-(other:Member)
  WHERE other <> m AND NOT EXISTS { (m)-[:BLOCKED]-(other) } AND c.id >= $after[0]
  MATCH (c)-[:HAS]->(message:Message)
  WITH c, other, message, [c.id, message.seq] AS key
  WHERE key > $after
  WITH c, other, message, key ORDER BY key LIMIT $size
  RETURN {key: key,
          item: {conversation: c.id, kind: c.kind, with: {handle: other.handle, name: other.name},
                 from: CASE WHEN message.senderId = m.id THEN m.handle ELSE other.handle END,
                 subject: message.subject, body: message.body,
                 sentAt: message.sentAt.epochMillis}}
} AS page
