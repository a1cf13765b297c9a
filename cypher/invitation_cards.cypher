// The pending invitations of $ids that viewer $viewer sent or received, one row each: `id`,
// `fromId`, `toId`, `message`, `sentAt` (node(id), R8: an invitation is its two members' only).
MATCH (v:Member {id: $viewer})
UNWIND $ids AS id
MATCH (from:Member)-[i:INVITED {id: id}]->(to:Member)
WHERE from = v OR to = v
RETURN i.id AS id, from.id AS fromId, to.id AS toId, i.message AS message, i.sentAt AS sentAt
