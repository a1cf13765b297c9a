// Applies $changes (only keys of the Settings type, never null) to member $id; returns every
// setting, as viewer_account names them.
MATCH (m:Member {id: $id})
SET m += $changes
RETURN m.primaryButton AS primaryButton, m.connectionsVisibility AS connectionsVisibility,
       m.invitationPolicy AS invitationPolicy, m.whoCanFollow AS whoCanFollow,
       m.openProfile AS openProfile, m.acceptsInMail AS acceptsInMail
