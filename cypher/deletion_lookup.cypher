// What confirming member $id's password needs (R28): `passwordHash` and `emailKey`, the key
// their failed sign-ins are counted under.
MATCH (m:Member {id: $id})
RETURN m.passwordHash AS passwordHash, m.emailKey AS emailKey
