// Benchmark harness: undoes what the measured writes made since $started (epoch ms: when the
// store was loaded), so that every run meets the same network: their posts, the connections and follows of accepted
// invitations, invitations left pending, and the invitation logs (R6). Returns nothing.
MATCH (p:Post) WHERE p.text STARTS WITH 'bench write ' DETACH DELETE p;
MATCH ()-[r:CONNECTED|FOLLOWS]->() WHERE r.since >= datetime({epochMillis: $started}) DELETE r;
MATCH ()-[i:INVITED]->() WHERE i.sentAt >= datetime({epochMillis: $started}) DELETE i;
MATCH (m:Member) WHERE m.invitationLog IS NOT NULL REMOVE m.invitationLog
