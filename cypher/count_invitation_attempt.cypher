// Logs a refused invitation attempt of viewer $viewer at $now (epoch ms) in its invitation log:
// R5 makes a wrong or missing e-mail use up one invitation of the weekly quota. Returns nothing.
MATCH (v:Member {id: $viewer})
SET v.invitationLog = [t IN coalesce(v.invitationLog, []) WHERE t > $weekAgo] + $now
