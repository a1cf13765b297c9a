// One page of member $id's posts and shares, for the export (R28), after key $after (a post
// id), at most $size. A share's original is given only while the member may see it (R17, R18),
// else null, as the feed shows it. One row: `page`, a list of {key, item {id, text, audience,
// createdAt, isShare, sharedPost}}.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)-[:POSTED]->(p:Post)
  WHERE p.id > $after
  WITH m, p ORDER BY p.id LIMIT $size
  OPTIONAL MATCH (p)-[:SHARES]->(original:Post)<-[:POSTED]-(author)
  WITH m, p, original, author,
       original IS NOT NULL
         AND (author:Company
              OR (NOT EXISTS { (m)-[:BLOCKED]-(author) }
                  AND (original.audience = 'ANYONE' OR author = m
                       OR EXISTS { (m)-[:CONNECTED]-(author) }))) AS originalVisible
  RETURN {key: p.id,
          item: {id: p.id, text: p.text, audience: p.audience,
                 createdAt: p.createdAt.epochMillis, isShare: coalesce(p.isShare, false),
                 sharedPost: CASE WHEN originalVisible
                   THEN {id: original.id, author: author.handle, text: original.text}
                   ELSE null END}}
} AS page
