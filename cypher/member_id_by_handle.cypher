// The `id` of the member with handle $handle; no row when there is none.
MATCH (m:Member {handle: $handle})
RETURN m.id AS id
