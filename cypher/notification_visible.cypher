// Fragment: whether notification `n` is visible to its recipient `r` now (R26, R25). Each kind
// looks up what it points to through a unique key: the invitation by id (still pending, not
// ignored), the follow by key and start (not undone, not hidden by R13), the share by id (not
// deleted, visible to the recipient under its audience, R17). Kept for $keptSince (epoch ms) on.
n.createdAt >= $keptSince
AND CASE n.kind
  WHEN 'INVITATION_RECEIVED' THEN EXISTS {
    MATCH ()-[i:INVITED {id: n.invitationId}]->() WHERE NOT i.ignored
  }
  WHEN 'NEW_FOLLOWER' THEN EXISTS {
    MATCH ()-[f:FOLLOWS {key: n.actor + '>' + n.recipient}]->()
    WHERE f.since.epochMillis = n.followSince
  } AND (r.whoCanFollow = 'EVERYONE' OR EXISTS { MATCH ()-[:CONNECTED {pair: n.pair}]-() })
  WHEN 'POST_SHARED' THEN EXISTS {
    MATCH (share:Post {id: n.postId})
    WHERE share.audience = 'ANYONE' OR EXISTS { MATCH ()-[:CONNECTED {pair: n.pair}]-() }
  }
  ELSE true
END
