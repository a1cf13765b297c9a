// Creates post $id by viewer $viewer, or by company $company when given (its admin posting),
// with $text and $audience at $now (epoch ms); when $sharedId is given the post is a share
// that embeds that post (R17). Returns `id`.
MATCH (v:Member {id: $viewer})
OPTIONAL MATCH (c:Company {id: $company})
WITH coalesce(c, v) AS author
CREATE (author)-[:POSTED]->(p:Post {
  id: $id, text: $text, audience: $audience, createdAt: datetime({epochMillis: $now}),
  isShare: $sharedId IS NOT NULL
})
WITH p
OPTIONAL MATCH (original:Post {id: $sharedId})
FOREACH (_ IN CASE WHEN original IS NULL THEN [] ELSE [1] END | CREATE (p)-[:SHARES]->(original))
RETURN p.id AS id
