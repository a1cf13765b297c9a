// Part of member_relations, an expression: the elementIds of viewer `v`'s connections, read once
// for mutual_count_by_list.cypher. The index counts mutual connections without it
// (viewer_connections_unlisted.cypher).
COLLECT { MATCH (v)-[:CONNECTED]-(x:Member) RETURN elementId(x) }
