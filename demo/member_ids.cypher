// The members with handles $handles as one list `pairs` of [handle, id].
MATCH (m:Member) WHERE m.handle IN $handles
RETURN collect([m.handle, m.id]) AS pairs
