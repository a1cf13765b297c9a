// One page of the members and companies member $id follows, for the export (R28), after key
// $after, at most $size; a follow hidden by R13 is left out. One row: `page`, a list of {key,
// item {kind, handle, name, since}}.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)-[f:FOLLOWS]->(target)
  WHERE target.id > $after
    AND (target:Company OR target.whoCanFollow = 'EVERYONE'
         OR EXISTS { (m)-[:CONNECTED]-(target) })
  WITH target, f ORDER BY target.id LIMIT $size
  RETURN {key: target.id,
          item: {kind: CASE WHEN target:Company THEN 'COMPANY' ELSE 'MEMBER' END,
                 handle: target.handle, name: target.name, since: f.since.epochMillis}}
} AS page
