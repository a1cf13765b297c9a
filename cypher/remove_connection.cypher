// Removes the connection between viewer $viewer and member $member and the follows in both
// directions between them (R9). Returns nothing.
MATCH (v:Member {id: $viewer})-[c:CONNECTED]-(m:Member {id: $member})
DELETE c
WITH v, m
OPTIONAL MATCH (v)-[f:FOLLOWS]-(m)
DELETE f
