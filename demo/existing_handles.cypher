// Of the handles $handles, those that belong to a member already, as one list `handles`.
MATCH (m:Member)
WHERE m.handle IN $handles
RETURN collect(m.handle) AS handles
