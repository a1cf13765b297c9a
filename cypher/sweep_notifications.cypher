// Deletes at most $batch notifications created before $keptSince (epoch ms): past R26's
// retention they are never shown again. Returns `swept`.
MATCH (n:Notification) WHERE n.createdAt < $keptSince
WITH n LIMIT $batch
DELETE n
RETURN count(*) AS swept
