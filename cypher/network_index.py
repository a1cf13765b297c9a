"""Whether discovery reads from the network index (network-index/, docs/discovery.md).

The index is a Neo4j plugin: where it is installed, people you may know, degrees and paths come
from its procedures; where it is not (Aura allows no plugins, an operator may leave it out), from
the reference Cypher, with the same answers, slower as the network grows. Each process asks once
Neo4j answers, and says which it found once.
"""

from __future__ import annotations

import logging
from typing import TypedDict

import cypher
from cypher.database import Database

log = logging.getLogger("vernetzt.network_index")

# What the indexed queries call (cypher/*_indexed.cypher, hops_by_index.cypher).
NEEDED = frozenset({"vernetzt.network.suggestions", "vernetzt.network.path"})


class ProcedureNames(TypedDict):
    names: list[str]


PROCEDURES = cypher.query("network_index_procedures", ProcedureNames)


async def detect(db: Database, wanted: bool) -> bool:
    """Set `db.network_index` to whether the index is `wanted` and served; return it. Raises
    what the driver raises while Neo4j does not answer (the caller asks again later)."""
    if not wanted:
        db.network_index = False
        log.info("network index: off (VERNETZT_NETWORK_INDEX); discovery by the reference Cypher")
        return False
    row = await db.read_one(PROCEDURES)
    served = set(row["names"] if row else []) >= NEEDED
    db.network_index = served
    if served:
        log.info("network index: found; discovery reads from it")
    else:
        log.warning(
            "network index: not installed in Neo4j; discovery by the reference Cypher, which "
            "slows down as the network grows (docs/discovery.md says how to install it)"
        )
    return served
