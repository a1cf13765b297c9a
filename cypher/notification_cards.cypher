// The notifications $ids of viewer $viewer that are visible to the viewer now (R26): `id`,
// `kind`, `actorId`, `invitationId`, `conversationId`, `messageId`, `postId`, `createdAt`
// (epoch ms), `read`, `seq`. Another member's notification is not in the answer.
MATCH (r:Member {id: $viewer})
UNWIND $ids AS id
MATCH (n:Notification {id: id})
WHERE n.recipient = r.id AND {{notification_visible}}
RETURN n.id AS id, n.kind AS kind, n.actor AS actorId, n.invitationId AS invitationId,
       n.conversationId AS conversationId, n.messageId AS messageId, n.postId AS postId,
       n.createdAt AS createdAt, NOT n:UnreadNotification AS read, n.seq AS seq
