// Ends viewer $viewer's follow of member or company $target, if any (R13). Returns nothing.
MATCH (v:Member {id: $viewer})-[f:FOLLOWS {key: $viewer + '>' + $target}]->()
DELETE f
