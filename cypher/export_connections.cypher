// One page of member $id's connections for the export (R28), after key $after (a member id),
// at most $size, as one row: `page`, a list of {key, item {handle, name, since}}. One row, not
// one per item: the driver takes 0.1 ms a record, 20 times what the same item costs in a list.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)-[c:CONNECTED]-(other:Member)
  WHERE other.id > $after
  WITH other, c ORDER BY other.id LIMIT $size
  RETURN {key: other.id, item: {handle: other.handle, name: other.name, since: c.since.epochMillis}}
} AS page
