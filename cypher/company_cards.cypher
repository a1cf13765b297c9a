// Public cards (R20, R24) of the companies with ids $ids: one row, `rows`, an item each, any
// order.
UNWIND $ids AS id
MATCH (c:Company {id: id})
RETURN collect({
  id: c.id, handle: c.handle, name: c.name, description: c.description,
  followerCount: COUNT { ()-[:FOLLOWS]->(c) }
}) AS rows
