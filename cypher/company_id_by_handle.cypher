// The `id` of the company with handle $handle; no row when there is none.
MATCH (c:Company {handle: $handle})
RETURN c.id AS id
