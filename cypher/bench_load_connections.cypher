// Benchmark loader: connects each pair of member ids in $pairs (lower id first not required)
// with the connection's pair key and both follows (R7). Returns nothing.
UNWIND $pairs AS pair
MATCH (a:Member {id: pair[0]}), (b:Member {id: pair[1]})
WITH a, b, datetime() - duration({days: toInteger(rand() * 700)}) AS since
CREATE (a)-[:CONNECTED {
  pair: CASE WHEN a.id < b.id THEN a.id + ':' + b.id ELSE b.id + ':' + a.id END, since: since
}]->(b)
CREATE (a)-[:FOLLOWS {key: a.id + '>' + b.id, since: since}]->(b)
CREATE (b)-[:FOLLOWS {key: b.id + '>' + a.id, since: since}]->(a)
