// The posts of $ids that viewer $viewer may see (R17, R18): one row, `rows`, an item each, any
// order: `id`, `text`, `audience`, `createdAt`, `authorId`, `authorKind` ('Member' or
// 'Company'), and `sharedId`, the id of the post a share embeds (the loader applies the same
// visibility to it, so a share of a post the viewer may no longer see shows it as null). A
// member's post is visible to a signed-in viewer who is not in a block with the author, when its
// audience is ANYONE or the viewer is the author or one of the author's connections; companies
// post to ANYONE.
MATCH (v:Member {id: $viewer})
WITH v, COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
UNWIND $ids AS id
MATCH (author)-[:POSTED]->(p:Post {id: id})
WHERE author:Company
   OR (NOT author.id IN blockedIds
       AND (p.audience = 'ANYONE' OR author = v OR EXISTS { (v)-[:CONNECTED]-(author) }))
OPTIONAL MATCH (p)-[:SHARES]->(original:Post)
RETURN collect({
  id: p.id, text: p.text, audience: p.audience, createdAt: p.createdAt.epochMillis,
  authorId: author.id, authorKind: CASE WHEN author:Company THEN 'Company' ELSE 'Member' END,
  isShare: coalesce(p.isShare, false), sharedId: original.id
}) AS rows
