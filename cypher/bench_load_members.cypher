// Benchmark loader: creates the members $members (id, handle, name, headline, primaryButton,
// connectionsVisibility, invitationPolicy, openProfile, joinedDays) with the other settings at
// their defaults. Returns nothing.
UNWIND $members AS member
CREATE (m:Member {
  id: member.id, handle: member.handle, name: member.name, headline: member.headline,
  email: member.handle + '@bench.example', emailKey: member.handle + '@bench.example',
  passwordHash: '', tokenVersion: 0, joinedAt: datetime() - duration({days: member.joinedDays}),
  primaryButton: member.primaryButton, connectionsVisibility: member.connectionsVisibility,
  invitationPolicy: member.invitationPolicy, whoCanFollow: 'EVERYONE',
  openProfile: member.openProfile, acceptsInMail: true, inMailCredits: 0
})
