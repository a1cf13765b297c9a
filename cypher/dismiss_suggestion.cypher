// Viewer $viewer dismisses member $member from its suggestions (R21), once. Returns nothing.
MATCH (v:Member {id: $viewer}), (m:Member {id: $member})
MERGE (v)-[:DISMISSED]->(m)
