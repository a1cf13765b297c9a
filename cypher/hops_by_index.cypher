// Part of member_degrees and member_relations: `hops` as hops_by_shortest.cypher answers it,
// from the network index (network-index/, docs/discovery.md), which reads the viewer's blocks
// itself: a walk from whichever side has fewer connections, instead of a search in Cypher.
RETURN vernetzt.network.hops(v, [m])[0] AS hops
