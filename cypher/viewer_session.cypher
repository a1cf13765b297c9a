// The member a token names, as `id`, only while the token's version is the member's current
// one (signOut bumps it, ending every earlier token); no row otherwise.
MATCH (m:Member {id: $id})
WHERE m.tokenVersion = $version
RETURN m.id AS id
