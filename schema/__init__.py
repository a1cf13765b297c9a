"""The GraphQL layer: Strawberry types, inputs and payloads, one module per area of resolvers/
(accounts, members, companies, network, posts, messaging, viewer), each with its root fields;
`root` merges them into the served Schema (schema.graphql is its export). `relay` writes the
Node interface and the connections once; `pipeline/` holds what every request passes through.
Imports resolvers/ below it; nothing below imports this package."""
