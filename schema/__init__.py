"""Strawberry types, inputs, enums and payloads; `schema.root.schema` is the served Schema and
schema.graphql its export. This package imports nothing at load, so that any module may import
one of its types without pulling in the whole API."""
