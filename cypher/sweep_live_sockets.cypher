// Deletes at most $batch live socket slots (open_live_socket) whose process stopped renewing
// them before $now (epoch ms): it stopped, or lost its database for three rounds. Returns
// `swept`.
MATCH (s:LiveSocket) WHERE s.until < $now
WITH s LIMIT $batch
DELETE s
RETURN count(*) AS swept
