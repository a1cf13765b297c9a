// Benchmark loader: pending invitations [from id, to id, invitation id] in $pairs, sent
// between 1 and 20 days ago. Returns nothing.
UNWIND $pairs AS pair
MATCH (a:Member {id: pair[0]}), (b:Member {id: pair[1]})
CREATE (a)-[:INVITED {
  id: pair[2], pair: CASE WHEN a.id < b.id THEN a.id + ':' + b.id ELSE b.id + ':' + a.id END,
  message: null, sentAt: datetime() - duration({days: 1 + toInteger(rand() * 19)}),
  ignored: false
}]->(b)
