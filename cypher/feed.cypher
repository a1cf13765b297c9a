// One page of viewer $viewer's feed (R19): posts by the viewer, by the members the viewer
// follows where the follow is not hidden (R13) and the post's audience lets the viewer see it
// (R17), and by the companies the viewer follows. Newest first; each item: `cursor`
// [createdAt in ms, id] and the post's card as post_cards.cypher gives it (`id`, `text`,
// `audience`, `createdAt`, `authorId`, `authorKind`, `isShare`, `sharedId`): every post here is
// one the viewer may see, so the page needs no second query for its posts, and the authors'
// cards load beside nothing but each other. Blocks remove follows (R18), so no blocked author
// is followed.
MATCH (v:Member {id: $viewer})
CALL (v) {
  MATCH (v)-[:POSTED]->(p:Post)
  RETURN p
  UNION
  MATCH (v)-[:FOLLOWS]->(author:Member)
  // Once per author, not once per post.
  WITH v, author, EXISTS { (v)-[:CONNECTED]-(author) } AS connected
  WHERE author.whoCanFollow = 'EVERYONE' OR connected
  MATCH (author)-[:POSTED]->(p:Post)
  WHERE p.audience = 'ANYONE' OR connected
  RETURN p
  UNION
  MATCH (v)-[:FOLLOWS]->(:Company)-[:POSTED]->(p:Post)
  RETURN p
}
WITH p, [p.createdAt.epochMillis, p.id] AS cursor
WHERE $after IS NULL OR cursor < $after
ORDER BY cursor DESC
LIMIT $limit
MATCH (author)-[:POSTED]->(p)
OPTIONAL MATCH (p)-[:SHARES]->(original:Post)
RETURN collect({
  cursor: cursor, id: p.id, text: p.text, audience: p.audience, createdAt: cursor[0],
  authorId: author.id, authorKind: CASE WHEN author:Company THEN 'Company' ELSE 'Member' END,
  isShare: coalesce(p.isShare, false), sharedId: original.id
}) AS items
