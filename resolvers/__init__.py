"""Thin async resolvers, one module per area: typed arguments in, named Cypher, types out."""
