// Benchmark loader: makes the first member of each pair in $pairs follow the second, unless it
// does already. Returns nothing.
UNWIND $pairs AS pair
MATCH (a:Member {id: pair[0]}), (b:Member {id: pair[1]})
MERGE (a)-[f:FOLLOWS {key: a.id + '>' + b.id}]->(b)
  ON CREATE SET f.since = datetime() - duration({days: 30})
