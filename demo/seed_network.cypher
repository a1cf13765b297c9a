// Creates the demo network between existing demo members, idempotently (MERGE on the unique
// keys): $connections (pairs of handles, each with both follows, R7), $follows, $invitations
// and $blocks; relationship times lie in the past, the list's order spreading them over days.
// Returns nothing.
CALL {
  UNWIND range(0, size($connections) - 1) AS i
  MATCH (a:Member {handle: $connections[i][0]}), (b:Member {handle: $connections[i][1]})
  WITH a, b, datetime() - duration({days: 300 - i * 5}) AS since,
       CASE WHEN a.id < b.id THEN a.id + ':' + b.id ELSE b.id + ':' + a.id END AS pair
  MERGE (a)-[c:CONNECTED {pair: pair}]-(b) ON CREATE SET c.since = since
  MERGE (a)-[f1:FOLLOWS {key: a.id + '>' + b.id}]->(b) ON CREATE SET f1.since = since
  MERGE (b)-[f2:FOLLOWS {key: b.id + '>' + a.id}]->(a) ON CREATE SET f2.since = since
}
CALL {
  UNWIND range(0, size($follows) - 1) AS i
  MATCH (a:Member {handle: $follows[i][0]}), (b:Member {handle: $follows[i][1]})
  MERGE (a)-[f:FOLLOWS {key: a.id + '>' + b.id}]->(b)
    ON CREATE SET f.since = datetime() - duration({days: 100 - i})
}
CALL {
  UNWIND range(0, size($invitations) - 1) AS i
  WITH i, $invitations[i] AS invitation
  MATCH (a:Member {handle: invitation.from}), (b:Member {handle: invitation.to})
  WITH i, invitation, a, b,
       CASE WHEN a.id < b.id THEN a.id + ':' + b.id ELSE b.id + ':' + a.id END AS pair
  MERGE (a)-[inv:INVITED {pair: pair}]->(b)
    ON CREATE SET inv.id = invitation.id, inv.message = invitation.message,
                  inv.ignored = invitation.ignored,
                  inv.sentAt = datetime() - duration({hours: 48 - i * 6})
}
CALL {
  UNWIND $blocks AS block
  MATCH (a:Member {handle: block[0]}), (b:Member {handle: block[1]})
  MERGE (a)-[blocked:BLOCKED {key: a.id + '>' + b.id}]->(b)
    ON CREATE SET blocked.at = datetime() - duration({days: 10})
}
