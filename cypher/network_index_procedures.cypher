// The network index's procedures Neo4j serves (network-index/, docs/discovery.md): `names`, empty
// where the plugin is not installed. Its function (vernetzt.network.hops) comes in the same jar.
SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'vernetzt.network.'
RETURN collect(name) AS names
