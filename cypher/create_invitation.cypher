// Creates viewer $viewer's invitation $id to member $member with $message at $now (epoch ms),
// and logs $now in the viewer's invitation log (R6), keeping only the last 7 days ($weekAgo).
// The pair key is unique: a second invitation between the two cannot exist. Returns `id`.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
CREATE (v)-[i:INVITED {
  id: $id, pair: $pair, message: $message, sentAt: datetime({epochMillis: $now}), ignored: false
}]->(m)
SET v.invitationLog = [t IN coalesce(v.invitationLog, []) WHERE t > $weekAgo] + $now
RETURN i.id AS id
