// Benchmark loader: creates the posts $posts (id, author: a member's or company's id, text,
// audience, hoursAgo). Returns nothing.
UNWIND $posts AS post
OPTIONAL MATCH (member:Member {id: post.author})
OPTIONAL MATCH (company:Company {id: post.author})
WITH post, coalesce(member, company) AS author
CREATE (author)-[:POSTED]->(:Post {
  id: post.id, text: post.text, audience: post.audience, isShare: false,
  createdAt: datetime() - duration({hours: post.hoursAgo})
})
