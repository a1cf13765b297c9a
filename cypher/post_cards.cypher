// The posts of $ids that viewer $viewer may see (R17, R18), one row each, any order: `id`,
// `text`, `audience`, `createdAt`, `authorId`, `authorKind` ('Member' or 'Company'), and
// `sharedId`, the id of the post a share embeds (the loader applies the same visibility to it,
// so a share of a post the viewer may no longer see shows it as null). A member's post is
// visible to a signed-in viewer who is not in a block with the author, when its audience is
// ANYONE or the viewer is the author or one of the author's connections; companies post to ANYONE.
MATCH (v:Member {id: $viewer})
WITH v, COLLECT { MATCH (v)-[:BLOCKED]-(x:Member) RETURN x.id } AS blockedIds
UNWIND $ids AS id
MATCH (author)-[:POSTED]->(p:Post {id: id})
WHERE author:Company
   OR (NOT author.id IN blockedIds
       AND (p.audience = 'ANYONE' OR author = v OR EXISTS { (v)-[:CONNECTED]-(author) }))
OPTIONAL MATCH (p)-[:SHARES]->(original:Post)
RETURN p.id AS id, p.text AS text, p.audience AS audience, p.createdAt.epochMillis AS createdAt,
       author.id AS authorId, CASE WHEN author:Company THEN 'Company' ELSE 'Member' END AS authorKind,
       coalesce(p.isShare, false) AS isShare, original.id AS sharedId
