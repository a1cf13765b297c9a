// The signed-in member's own account: `id`, `email`, every setting, `inMailCredits`, and
// `invitationLog` (epoch ms of the invitations sent lately, for the R6 quota).
MATCH (m:Member {id: $id})
RETURN m.id AS id, m.email AS email, m.primaryButton AS primaryButton,
       m.connectionsVisibility AS connectionsVisibility, m.invitationPolicy AS invitationPolicy,
       m.whoCanFollow AS whoCanFollow, m.openProfile AS openProfile,
       m.acceptsInMail AS acceptsInMail, m.inMailCredits AS inMailCredits,
       m.invitationLog AS invitationLog
