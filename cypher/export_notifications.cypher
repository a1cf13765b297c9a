// One page of member $id's notifications, for the export (R28), after key $after (a seq), at
// most $size, oldest first; only those R26 shows them. One row: `page`, a list of {key, item
// {kind, actor {handle, name}, createdAt, read}}.
MATCH (r:Member {id: $id})
RETURN COLLECT {
  MATCH (n:Notification)
  WHERE n.recipient = r.id AND n.seq > $after AND {{notification_visible}}
  WITH n ORDER BY n.recipient, n.seq LIMIT $size
  MATCH (actor:Member {id: n.actor})
  RETURN {key: n.seq,
          item: {kind: n.kind, actor: {handle: actor.handle, name: actor.name},
                 createdAt: n.createdAt, read: NOT n:UnreadNotification}}
} AS page
