// Deletes at most $batch request keys (claim_request) claimed before $before (epoch ms): past a
// day a key no longer answers its first result. Returns `swept`, how many were deleted.
MATCH (r:Request) WHERE r.at < datetime({epochMillis: $before})
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS swept
