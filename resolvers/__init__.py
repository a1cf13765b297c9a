"""The work: what the API does, without GraphQL. Imports `cypher/` below it, never `schema/`.

Per area (the same names as schema/): accounts, members, companies, network, posts, messaging,
viewer. A read answers rows or a Page (None: hidden); a write answers ids or rows, or raises
errors.Refused. Beside them:

context   the request's Context (viewer, clock, loaders) and the process's Services
writes    the one way a mutation writes (one transaction; requestId retries)
loaders   per-request DataLoaders (one query per batch of cards or relations)
pages     keyset pages and cursors
rules/    the rules decided in Python, as pure functions (their index: docs/rules.md)
errors    leaf: refusals and the top-level errors; enums, ids, clock: leaves too
passwords, tokens, limits   the process's services: Argon2id, JWT, rate limits
"""
