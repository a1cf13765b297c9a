// Creates a member with the default settings (R1, R5, R11, R13, R16) and returns its `id` and
// `tokenVersion`. MERGE on the fresh id makes a driver retry after a lost commit harmless; a
// taken handle or e-mail fails on the uniqueness constraints.
MERGE (m:Member {id: $id})
ON CREATE SET
  m.handle = $handle, m.name = $name, m.headline = $headline,
  m.email = $email, m.emailKey = $emailKey, m.passwordHash = $passwordHash,
  m.tokenVersion = 0, m.joinedAt = datetime(),
  m.primaryButton = 'CONNECT', m.connectionsVisibility = 'CONNECTIONS',
  m.invitationPolicy = 'EVERYONE', m.whoCanFollow = 'EVERYONE',
  m.openProfile = false, m.acceptsInMail = true, m.inMailCredits = $inMailCredits
RETURN m.id AS id, m.tokenVersion AS tokenVersion
