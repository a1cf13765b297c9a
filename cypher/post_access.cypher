// What the post mutations decide on for viewer $viewer and post $post: `visible` (as in
// post_cards, R17, R18), `audience`, `canDelete` (the author, or an admin of the company that
// posted), `memberAuthorId` (the author's id when a member wrote it: whom a share notifies,
// R26) and `connectedToAuthor`. No row when the post does not exist.
MATCH (v:Member {id: $viewer}), (author)-[:POSTED]->(p:Post {id: $post})
RETURN author:Company
         OR (NOT EXISTS { (v)-[:BLOCKED]-(author) }
             AND (p.audience = 'ANYONE' OR author = v OR EXISTS { (v)-[:CONNECTED]-(author) }))
         AS visible,
       p.audience AS audience,
       author = v OR EXISTS { (v)-[:ADMIN_OF]->(author) } AS canDelete,
       CASE WHEN author:Member THEN author.id END AS memberAuthorId,
       EXISTS { (v)-[:CONNECTED]-(author) } AS connectedToAuthor
