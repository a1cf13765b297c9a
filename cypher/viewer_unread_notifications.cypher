// One page of viewer $viewer's visible unread notifications (R26), newest first: each item `id`
// and its `cursor` [seq]. Read through the unread ones' own index: read ones cost nothing.
MATCH (r:Member {id: $viewer})
CALL (r) {
  MATCH (n:UnreadNotification)
  WHERE n.recipient = r.id AND n.seq < coalesce($after[0], 9223372036854775807)
    AND {{notification_visible}}
  // Ordered by both keys of the index, so that the index gives the order and the scan stops
  // at the page's end (by `seq` alone the planner sorts every one of the member's).
  WITH n ORDER BY n.recipient DESC, n.seq DESC LIMIT $limit
  RETURN collect({id: n.id, cursor: [n.seq]}) AS items
}
RETURN items
