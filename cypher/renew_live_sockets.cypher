// A process's heartbeat for its open sockets $sockets ({id, member, version}): each is kept
// until $until (epoch ms). Returns `id` and `valid` for each: false once its member signed out
// (R24: the token version moved on) or no longer exists, so that its socket is closed (R27).
UNWIND $sockets AS s
OPTIONAL MATCH (live:LiveSocket {id: s.id})
SET live.until = $until
WITH s
OPTIONAL MATCH (m:Member {id: s.member})
RETURN s.id AS id, m IS NOT NULL AND m.tokenVersion = s.version AS valid
