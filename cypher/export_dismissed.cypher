// One page of the suggestions member $id dismissed (R21), for the export (R28), after key
// $after, at most $size, leaving out members in a block with them (R18). One row: `page`, a
// list of {key, item {handle, name}}.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)-[:DISMISSED]->(other:Member)
  WHERE other.id > $after AND NOT EXISTS { (m)-[:BLOCKED]-(other) }
  WITH other ORDER BY other.id LIMIT $size
  RETURN {key: other.id, item: {handle: other.handle, name: other.name}}
} AS page
