// Deletes at most $batch rate-limit windows (rate_limit_take) that ended a minute ago or more
// by the database's clock: none of their events counts any longer. Returns `swept`.
MATCH (w:RateWindow) WHERE w.until < timestamp() - 60000
WITH w LIMIT $batch
DELETE w
RETURN count(*) AS swept
