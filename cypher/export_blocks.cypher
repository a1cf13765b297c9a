// One page of the blocks member $id made (R18), for the export (R28), after key $after, at most
// $size. One row: `page`, a list of {key, item {handle, name, blockedAt}}.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)-[b:BLOCKED]->(other:Member)
  WHERE other.id > $after
  WITH other, b ORDER BY other.id LIMIT $size
  RETURN {key: other.id, item: {handle: other.handle, name: other.name, blockedAt: b.at.epochMillis}}
} AS page
