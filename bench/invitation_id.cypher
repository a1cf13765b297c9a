// Benchmark harness: the id of the pending invitation from member $sender to member $invitee
// (looked up between a timed invite and its timed accept). Returns `id`.
MATCH (:Member {id: $sender})-[i:INVITED]->(:Member {id: $invitee})
RETURN i.id AS id
