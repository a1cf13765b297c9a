// One page of the invitations member $id sent ($sent true) or received, for the export (R28),
// after key $after (an invitation id), at most $size. One row: `page`, a list of {key, item
// {handle, name (the other member), message, sentAt, ignored}}.
MATCH (m:Member {id: $id})
RETURN COLLECT {
  MATCH (m)-[i:INVITED]-(other:Member)
  WHERE i.id > $after
    AND CASE WHEN $sent THEN startNode(i) = m ELSE endNode(i) = m END
  WITH i, other ORDER BY i.id LIMIT $size
  RETURN {key: i.id,
          item: {handle: other.handle, name: other.name, message: i.message,
                 sentAt: i.sentAt.epochMillis, ignored: coalesce(i.ignored, false)}}
} AS page
