// Benchmark loader: blocks [blocker id, blocked id] in $pairs, from 60 days ago. Returns
// nothing.
UNWIND $pairs AS pair
MATCH (a:Member {id: pair[0]}), (b:Member {id: pair[1]})
CREATE (a)-[:BLOCKED {key: a.id + '>' + b.id, at: datetime() - duration({days: 60})}]->(b)
