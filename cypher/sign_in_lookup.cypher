// The account behind an e-mail key: `id`, `passwordHash`, `tokenVersion`; no row when unknown.
MATCH (m:Member {emailKey: $emailKey})
RETURN m.id AS id, m.passwordHash AS passwordHash, m.tokenVersion AS tokenVersion
