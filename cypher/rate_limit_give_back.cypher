// Gives back the event of rate-limit key $key taken at $at (epoch ms): one sign-in that was
// counted as a failure before the password was checked, and turned out right. Returns nothing.
MATCH (w:RateWindow {key: $key})
SET w.lock = true REMOVE w.lock
WITH w, [i IN range(0, size(w.events) - 1) WHERE w.events[i] = $at][0] AS i
SET w.events = CASE WHEN i IS NULL THEN w.events ELSE w.events[..i] + w.events[i + 1..] END
