// Benchmark loader: connects each pair [a id, b id, a follows b, b follows a] in $pairs with
// the connection's pair key and the follows that were not taken back (R7). Returns nothing.
UNWIND $pairs AS pair
MATCH (a:Member {id: pair[0]}), (b:Member {id: pair[1]})
WITH a, b, pair, datetime() - duration({days: toInteger(rand() * 700)}) AS since
CREATE (a)-[:CONNECTED {
  pair: CASE WHEN a.id < b.id THEN a.id + ':' + b.id ELSE b.id + ':' + a.id END, since: since
}]->(b)
FOREACH (_ IN CASE WHEN pair[2] THEN [1] ELSE [] END |
  CREATE (a)-[:FOLLOWS {key: a.id + '>' + b.id, since: since}]->(b))
FOREACH (_ IN CASE WHEN pair[3] THEN [1] ELSE [] END |
  CREATE (b)-[:FOLLOWS {key: b.id + '>' + a.id, since: since}]->(a))
