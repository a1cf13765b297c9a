// The head of member $id's data export (R28): profile, settings, InMail credits and the
// companies they administer. One row.
MATCH (m:Member {id: $id})
OPTIONAL MATCH (m)-[:WORKS_AT]->(work:Company)
RETURN {
  handle: m.handle, name: m.name, headline: m.headline, email: m.email,
  joinedAt: m.joinedAt.epochMillis,
  workplace: CASE WHEN work IS NULL THEN null ELSE {handle: work.handle, name: work.name} END
} AS profile,
{
  primaryButton: m.primaryButton, connectionsVisibility: m.connectionsVisibility,
  invitationPolicy: m.invitationPolicy, whoCanFollow: m.whoCanFollow,
  openProfile: m.openProfile, acceptsInMail: m.acceptsInMail
} AS settings,
m.inMailCredits AS inMailCredits,
COLLECT {
  MATCH (m)-[:ADMIN_OF]->(c:Company)
  RETURN {handle: c.handle, name: c.name, description: c.description} ORDER BY c.handle
} AS companies
