// Benchmark loader: makes each member of $pairs [member id, company id] follow the company.
// Returns nothing.
UNWIND $pairs AS pair
MATCH (m:Member {id: pair[0]}), (c:Company {id: pair[1]})
CREATE (m)-[:FOLLOWS {key: m.id + '>' + c.id, since: datetime() - duration({days: 30})}]->(c)
