// One page of the members following member $id, for the export (R28), after key $after, at
// most $size; a follow hidden by R13 (only connections may follow, and they are not) is left
// out. One row: `page`, a list of {key, item {handle, name, since}}.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)<-[f:FOLLOWS]-(other:Member)
  WHERE other.id > $after
    AND (m.whoCanFollow = 'EVERYONE' OR EXISTS { (m)-[:CONNECTED]-(other) })
  WITH other, f ORDER BY other.id LIMIT $size
  RETURN {key: other.id, item: {handle: other.handle, name: other.name, since: f.since.epochMillis}}
} AS page
