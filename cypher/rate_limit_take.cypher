// Takes one event of rate-limit key $key at $now (epoch ms) when fewer than $limit of its events
// fall after $windowStart. The key's node is locked before it is read, so takes of one key
// count one after the other, whichever API process runs them. Returns `retryAfter`: null when
// the event was taken, else when the oldest event that fills the window leaves it (epoch ms).
// A take that creates a key's node also deletes at most 10 keys whose window ended a minute ago
// or more (`until`): old windows go without a separate job, at most one node is left behind for
// every ten deleted, and a take on a known key pays nothing for it.
MERGE (w:RateWindow {key: $key})
SET w.lock = true REMOVE w.lock
WITH w, w.events IS NULL AS created,
     [t IN coalesce(w.events, []) WHERE t > $windowStart] AS recent
WITH w, created, recent, size(recent) < $limit AS taken
SET w.events = CASE WHEN taken THEN recent + $now ELSE recent END,
    w.until = CASE WHEN taken THEN $now ELSE recent[-1] END + $windowMs
WITH created, recent, taken
CALL (created) {
  WITH created WHERE created
  MATCH (old:RateWindow) WHERE old.until < $now - 60000
  WITH old LIMIT 10
  DELETE old
}
RETURN CASE WHEN taken THEN null ELSE recent[size(recent) - $limit] + $windowMs END AS retryAfter
