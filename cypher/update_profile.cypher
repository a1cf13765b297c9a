// Applies $changes (name, headline; a null headline removes it) to member $id; returns `id`.
MATCH (m:Member {id: $id})
SET m += $changes
RETURN m.id AS id
