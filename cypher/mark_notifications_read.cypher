// Marks viewer $viewer's unread notifications read, up to and including seq $upTo (null: all):
// reads the unread ones only. Returns nothing.
MATCH (n:UnreadNotification)
WHERE n.recipient = $viewer AND n.seq <= coalesce($upTo, 9223372036854775807)
REMOVE n:UnreadNotification
