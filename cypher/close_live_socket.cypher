// Closes live socket $id: it no longer counts against its member's limit. Returns nothing.
MATCH (live:LiveSocket {id: $id})
DELETE live
