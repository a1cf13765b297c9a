// One page of viewer $viewer's visible notifications (R26), newest first: each item `id` and
// its `cursor` [seq]. Read through the (recipient, seq) index from the cursor down, so a page
// reads about as many notifications as it shows.
MATCH (r:Member {id: $viewer})
CALL (r) {
  MATCH (n:Notification)
  WHERE n.recipient = r.id AND n.seq < coalesce($after[0], 9223372036854775807)
    AND {{notification_visible}}
  // Ordered by both keys of the index, so that the index gives the order and the scan stops
  // at the page's end (by `seq` alone the planner sorts every one of the member's).
  WITH n ORDER BY n.recipient DESC, n.seq DESC LIMIT $limit
  RETURN collect({id: n.id, cursor: [n.seq]}) AS items
}
RETURN items
