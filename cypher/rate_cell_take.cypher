// Takes one event of rate-limit key $key from a generic cell rate limit of $limit per $windowMs
// (the write limit): the key's node keeps one number, `tat`, the time at which its allowance
// is whole again; each take moves it $windowMs / $limit ahead, and a take is refused while it
// would move it more than $windowMs past now. So $limit events may come at once, then one each
// $windowMs / $limit, where a sliding window (rate_limit_take) rewrites a list of up to $limit
// times. Now is the caller's clock ($now, epoch ms) but never before the database's. The node
// is a RateWindow whose `until` is `tat`, so that old ones go as old windows go (a window's
// own `until`, left by the sliding window this replaced, is no `tat` and holds nothing back);
// it is locked before it is read.
// Returns `takenAt` (null when refused) and `retryAfter`: null when taken, else when one more
// event fits (epoch ms).
MERGE (w:RateWindow {key: $key})
SET w.lock = true REMOVE w.lock
WITH w, CASE WHEN $now > timestamp() THEN $now ELSE timestamp() END AS at
WITH w, at,
     CASE WHEN coalesce(w.tat, 0) > at THEN w.tat ELSE at END + toFloat($windowMs) / $limit
       AS next
WITH w, at, next, next - at <= $windowMs AS taken
SET w.tat = CASE WHEN taken THEN next ELSE w.tat END,
    w.until = CASE WHEN taken THEN next ELSE w.until END
RETURN CASE WHEN taken THEN at END AS takenAt,
       CASE WHEN taken THEN null ELSE toInteger(ceil(next - $windowMs)) END AS retryAfter
