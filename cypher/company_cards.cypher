// Public cards (R20, R24) of the companies with ids $ids, one row each, any order.
UNWIND $ids AS id
MATCH (c:Company {id: id})
RETURN c.id AS id, c.handle AS handle, c.name AS name, c.description AS description,
       COUNT { ()-[:FOLLOWS]->(c) } AS followerCount
