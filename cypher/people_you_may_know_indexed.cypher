// People you may know (R21) from the network index (network-index/, docs/discovery.md): the rows
// of people_you_may_know.cypher (`id`, `mutualCount`, `sample`), which stays the reference and
// answers where Neo4j has no index. Counting runs over in-memory arrays; the exclusions and the
// sample's names are read from the store in this transaction, so they are always current.
MATCH (v:Member {id: $viewer})
CALL vernetzt.network.suggestions(v, $limit) YIELD id, mutualCount, sample
RETURN id, mutualCount, sample
