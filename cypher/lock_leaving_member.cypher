// Takes member $id's write lock first thing in their deletion (R28). Neo4j reads what is
// committed and locks only what it writes: without this, a message or invitation to the member
// committed between the deletion's reads and its DETACH DELETE would be left behind (a
// conversation with one member, a notification to no one). With it, every write that touches
// the member waits for the deletion; run again, it finds no member.
MATCH (m:Member {id: $id})
SET m.leaving = true
