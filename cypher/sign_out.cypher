// Ends every token of member $id by bumping its token version; returns the new `tokenVersion`.
MATCH (m:Member {id: $id})
SET m.tokenVersion = m.tokenVersion + 1
RETURN m.tokenVersion AS tokenVersion
