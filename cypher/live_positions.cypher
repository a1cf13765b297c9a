// Where live delivery starts for a new subscription: the current number of member $member's
// notifications (`notifications`) and of conversation $conversation's messages (`messages`);
// 0 for none. Items numbered after these were committed after the subscription opened.
OPTIONAL MATCH (r:Member {id: $member})
OPTIONAL MATCH (c:Conversation {id: $conversation})
RETURN coalesce(r.notificationSeq, 0) AS notifications, coalesce(c.messageSeq, 0) AS messages
