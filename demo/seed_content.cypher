// Creates the demo companies, posts and conversations, idempotently (MERGE on handles and on
// fixed ids): $companies (handle, id, name, description, admins, followers, employees), $posts
// (id, author handle, text, audience, hoursAgo, sharedId) and $messages (id, conversationId,
// pair, from, to, kind, subject, body, hoursAgo). Returns nothing.
CALL {
  UNWIND $companies AS company
  MERGE (c:Company {handle: company.handle})
    ON CREATE SET c.id = company.id, c.name = company.name,
                  c.description = company.description, c.createdAt = datetime()
  WITH c, company
  CALL (c, company) {
    UNWIND company.admins AS handle
    MATCH (m:Member {handle: handle})
    MERGE (m)-[a:ADMIN_OF]->(c) ON CREATE SET a.since = datetime() - duration({days: 200})
  }
  CALL (c, company) {
    UNWIND company.followers AS handle
    MATCH (m:Member {handle: handle})
    MERGE (m)-[f:FOLLOWS {key: m.id + '>' + c.id}]->(c)
      ON CREATE SET f.since = datetime() - duration({days: 50})
  }
  CALL (c, company) {
    UNWIND company.employees AS handle
    MATCH (m:Member {handle: handle})
    MERGE (m)-[:WORKS_AT]->(c)
  }
}
CALL {
  UNWIND $posts AS post
  OPTIONAL MATCH (member:Member {handle: post.author})
  OPTIONAL MATCH (company:Company {handle: post.author})
  WITH post, coalesce(member, company) AS author
  MERGE (p:Post {id: post.id})
    ON CREATE SET p.text = post.text, p.audience = post.audience,
                  p.createdAt = datetime() - duration({hours: post.hoursAgo}),
                  p.isShare = post.sharedId IS NOT NULL
  MERGE (author)-[:POSTED]->(p)
  WITH p, post
  OPTIONAL MATCH (original:Post {id: post.sharedId})
  FOREACH (_ IN CASE WHEN original IS NULL THEN [] ELSE [1] END |
    MERGE (p)-[:SHARES]->(original))
}
CALL {
  UNWIND $messages AS message
  MATCH (from:Member {handle: message.from}), (to:Member {handle: message.to})
  MERGE (c:Conversation {pair: message.pair})
    ON CREATE SET c.id = message.conversationId, c.kind = message.kind, c.hasInMail = false
  MERGE (from)-[:IN]->(c)
  MERGE (to)-[:IN]->(c)
  MERGE (c)-[:HAS]->(m:Message {id: message.id})
    ON CREATE SET m.senderId = from.id, m.subject = message.subject, m.body = message.body,
                  m.sentAt = datetime() - duration({hours: message.hoursAgo})
  SET c.hasInMail = c.hasInMail OR message.kind = 'INMAIL',
      c.lastMessageAt = CASE
        WHEN c.lastMessageAt IS NULL OR c.lastMessageAt < m.sentAt THEN m.sentAt
        ELSE c.lastMessageAt END
}
