// Creates the demo members $members that do not exist yet (by handle), with the default
// settings overridden by each member's `settings` map; joinedAt is spread over past days so
// that "newest member first" orders differ. Returns nothing.
UNWIND range(0, size($members) - 1) AS i
WITH i, $members[i] AS member
MERGE (m:Member {handle: member.handle})
ON CREATE SET
  m.id = member.id, m.name = member.name, m.headline = member.headline,
  m.email = member.email, m.emailKey = member.emailKey, m.passwordHash = member.passwordHash,
  m.tokenVersion = 0, m.joinedAt = datetime() - duration({days: 400 - i * 7}),
  m.primaryButton = 'CONNECT', m.connectionsVisibility = 'CONNECTIONS',
  m.invitationPolicy = 'EVERYONE', m.whoCanFollow = 'EVERYONE',
  m.openProfile = false, m.acceptsInMail = true, m.inMailCredits = $inMailCredits,
  m += member.settings
