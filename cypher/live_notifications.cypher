// What the live poller delivers (R27): for each of $members ({id, after}), the notifications
// numbered after `after`, as `stream` (the member), `upTo` (the highest number seen, visible or not), and
// `ids` and `numbers` of the visible ones in commit order. One index seek per member, however
// long its list.
UNWIND $members AS m
MATCH (r:Member {id: m.id})
MATCH (n:Notification)
WHERE n.recipient = r.id AND n.seq > m.after
WITH r, n ORDER BY n.recipient, n.seq
WITH r, max(n.seq) AS upTo,
     collect(CASE WHEN {{notification_visible}} THEN [n.id, n.seq] END) AS visible
RETURN r.id AS stream, upTo, [v IN visible | v[0]] AS ids, [v IN visible | v[1]] AS numbers
