// Locks viewer $viewer and member $member (lower id first; the viewer's InMail credits are
// spent under this lock) and returns what the messaging rules decide on (R12, R16): `isSelf`,
// `blocked`, `connected`, `hasInMail` (their conversation holds an InMail), `acceptsInMail`,
// `openProfile`, `credits` (the viewer's). No row when either member does not exist.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
FOREACH (n IN CASE WHEN v.id < m.id THEN [v, m] ELSE [m, v] END |
  SET n.lock = true REMOVE n.lock)
WITH v, m
OPTIONAL MATCH (c:Conversation {pair: $pair})
RETURN v = m AS isSelf,
       EXISTS { (v)-[:BLOCKED]-(m) } AS blocked,
       EXISTS { (v)-[:CONNECTED]-(m) } AS connected,
       coalesce(c.hasInMail, false) AS hasInMail,
       m.acceptsInMail AS acceptsInMail,
       m.openProfile AS openProfile,
       v.inMailCredits AS credits
