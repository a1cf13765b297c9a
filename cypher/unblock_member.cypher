// Ends viewer $viewer's block of member $member (R18: only the blocker; it restores nothing).
// Returns the member's `id`, `handle`, `name`, `blockedAt`; no row when there was no such block.
MATCH (v:Member {id: $viewer})-[b:BLOCKED]->(m:Member {id: $member})
WITH m, b, b.at AS blockedAt
DELETE b
RETURN m.id AS id, m.handle AS handle, m.name AS name, blockedAt
