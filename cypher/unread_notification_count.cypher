// `unreadCount`: how many of viewer $viewer's notifications are unread and visible (R26). Reads
// the unread ones only (their label's index), however long the whole list is.
MATCH (r:Member {id: $viewer})
OPTIONAL MATCH (n:UnreadNotification)
WHERE n.recipient = r.id AND {{notification_visible}}
RETURN count(n) AS unreadCount
