// The conversations of $ids that viewer $viewer takes part in, one row each, any order: `id`,
// `kind`, `withId` (the other participant), `lastMessageAt`, `canReply` (R12: connected, or
// the conversation holds an InMail; never across a block, R18). A conversation with a member
// in a block with the viewer has no row.
MATCH (v:Member {id: $viewer})
UNWIND $ids AS id
MATCH (v)-[:IN]->(c:Conversation {id: id})<-[:IN]-(other:Member)
WHERE other <> v AND NOT EXISTS { (v)-[:BLOCKED]-(other) }
RETURN c.id AS id, c.kind AS kind, other.id AS withId, c.lastMessageAt AS lastMessageAt,
       EXISTS { (v)-[:CONNECTED]-(other) } OR c.hasInMail AS canReply
