// Takes one event of rate-limit key $key when fewer than $limit of its events fall within the
// $windowMs before it. The event is dated by the caller's clock ($now, epoch ms) but never
// before the database's own: a caller whose clock lags, or that kept an old time, cannot date
// events into the past, where they would look expired and their window be cleaned up. (Tests
// move their clock forward only.) The key's node is locked before it is read, so takes of one
// key count one after the other, whichever API process runs them. Returns `takenAt`, the
// event's time (null when refused), and `retryAfter`: null when the event was taken, else when
// the oldest event that fills the window leaves it (epoch ms).
// A take that creates a key's node also deletes at most 10 keys whose window ended a minute ago
// or more (`until`) by the database's clock: old windows go without a separate job, at most one
// node is left behind for every ten deleted, and a take on a known key pays nothing for it.
MERGE (w:RateWindow {key: $key})
SET w.lock = true REMOVE w.lock
WITH w, w.events IS NULL AS created,
     CASE WHEN $now > timestamp() THEN $now ELSE timestamp() END AS at
WITH w, created, at, [t IN coalesce(w.events, []) WHERE t > at - $windowMs] AS recent
WITH w, created, at, recent, size(recent) < $limit AS taken
SET w.events = CASE WHEN taken THEN recent + at ELSE recent END,
    w.until = CASE WHEN taken THEN at ELSE recent[-1] END + $windowMs
WITH created, at, recent, taken
CALL (created) {
  WITH created WHERE created
  MATCH (old:RateWindow) WHERE old.until < timestamp() - 60000
  WITH old LIMIT 10
  DELETE old
}
RETURN CASE WHEN taken THEN at END AS takenAt,
       CASE WHEN taken THEN null ELSE recent[size(recent) - $limit] + $windowMs END AS retryAfter
