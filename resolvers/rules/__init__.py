"""The rules of the network (docs/rules.md) that are decided in Python: small pure
functions over a frozen state that the mutation's transaction read under lock. What a viewer may
*see* is decided in the Cypher query that reads it (a filter after the fetch would leak through
counts and pages), so those rules point at their queries.

Modules: `actions` (R2), `network` (R4-R9, R13, R18), `quota` (R6's weekly quota), `messaging`
(R12, R16), `posts` (R17), `companies` (R17, R20), `formats` (every length and format limit),
`notifications` (R26's retention).

The index from each rule to the function that decides it, its queries and its tests is the
rule book itself, docs/rules.md ("Carried by" under each rule).
"""
