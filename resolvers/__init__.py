"""The work: what the API does, without GraphQL. Imports `cypher/` below it, never `schema/`.

The areas, with the same names as in schema/: accounts, members, companies, network, posts,
messaging, notifications, viewer, and the member's way out: data_export, account_deletion.
A read answers rows or a Page (None: hidden); a write answers ids or rows, or raises
errors.Refused. Beside them:

rules/     the rules decided in Python, as pure functions (their index: docs/rules.md)
live/      live updates (R27): socket slots, subscriptions, each process's poller
request/   one request's plumbing: Context, loaders, pages, IDs, the one way to write
access/    who may ask and how much: tokens, sessions, passwords, addresses, shared limits
errors, enums   the vocabulary every layer speaks: refusals, top-level errors, enumerations
"""
