// Creates notification $id of $kind for member $recipient, caused by member $actor, at $now
// (epoch ms), pointing to $invitationId, $followSince, $conversationId, $messageId or $postId
// (R26). Its `seq` is the next of the recipient's, taken under the recipient's lock: a member's
// notifications are numbered in the order they commit (R27). Deletes at most 10 notifications
// created before $keptSince: expired ones go as new ones come, without a separate job. Returns
// `seq`.
MATCH (r:Member {id: $recipient})
SET r.notificationSeq = coalesce(r.notificationSeq, 0) + 1
CREATE (n:Notification:UnreadNotification {
  id: $id, kind: $kind, recipient: $recipient, actor: $actor, pair: $pair,
  seq: r.notificationSeq, createdAt: $now, invitationId: $invitationId,
  followSince: $followSince, conversationId: $conversationId, messageId: $messageId,
  postId: $postId
})
WITH n
CALL () {
  MATCH (old:Notification) WHERE old.createdAt < $keptSince
  WITH old LIMIT 10
  DELETE old
}
RETURN n.seq AS seq
