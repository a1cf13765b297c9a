// Opens live socket $id of member $member until $until (epoch ms) unless the member has $limit
// open ones already, across every API process (R27). The member's node is locked first, so two
// sockets opening at once are counted one after the other; sockets that expired (their process
// stopped renewing them before $now) are deleted and not counted. Returns `opened`.
MATCH (m:Member {id: $member})
SET m.liveSocketLock = true REMOVE m.liveSocketLock
WITH m
CALL (m) {
  MATCH (old:LiveSocket {member: m.id}) WHERE old.until < $now
  DELETE old
}
OPTIONAL MATCH (live:LiveSocket {member: m.id})
WITH m, count(live) < $limit AS opened
CALL (m, opened) {
  WITH m WHERE opened
  CREATE (:LiveSocket {id: $id, member: m.id, until: $until})
}
RETURN opened
