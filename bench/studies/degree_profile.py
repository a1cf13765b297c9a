"""How much the degree query costs at scale, worst cases included (issue: degree at scale).

    .venv/bin/python -m bench.studies.degree_profile [TIER]      (default S: 10,000 members)

Generates the tier's network (seeded), loads it into a local Neo4j kept in bench/data/<TIER>
(reused when already loaded), then PROFILEs the query behind Member.degree/relationship
(cypher/member_relations.cypher) from hubs and ordinary members to members at distance 1, 2,
3, beyond 3 and unreachable, and writes the db hits and times to docs/degree-at-scale.md.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections import deque
from datetime import UTC, datetime
from typing import Any

from bench.generate import Network
from bench.store import ROOT, loaded_store
from cypher.database import Database
from resolvers.request.loaders import MEMBER_RELATIONS, limit_params
from settings import Settings

REPEATS = 5


def distances(network: Network, source: int) -> list[int]:
    adjacency = adjacency_of(network)
    seen = [-1] * len(network.ids)
    seen[source] = 0
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for other in adjacency[node]:
            if seen[other] < 0:
                seen[other] = seen[node] + 1
                queue.append(other)
    return seen


_adjacency: dict[int, list[list[int]]] = {}


def adjacency_of(network: Network) -> list[list[int]]:
    if id(network) not in _adjacency:
        lists: list[list[int]] = [[] for _ in network.ids]
        for a, b in network.connections:
            lists[a].append(b)
            lists[b].append(a)
        _adjacency[id(network)] = lists
    return _adjacency[id(network)]


def db_hits(plan: dict[str, Any], operator: str = "") -> int:
    """The db hits of a plan, or of its operators whose name starts with `operator`."""
    own = int(plan.get("dbHits", 0)) if plan["operatorType"].startswith(operator) else 0
    return own + sum(db_hits(child, operator) for child in plan.get("children", []))


async def profile(db: Database, viewer: str, target: str) -> tuple[int, int, float, str]:
    """Total db hits, those of the shortest-path search, median milliseconds over REPEATS
    runs (after as many warm-up runs), and the degree answered."""
    params = {
        "viewer": viewer,
        "ids": [target],
        "handle": None,
        **limit_params(Settings(), datetime.now(UTC)),
    }
    _, summary, _ = await db.driver.execute_query(
        "PROFILE " + MEMBER_RELATIONS.reference.text, parameters_=params, database_=db.name
    )
    times = []
    degree = ""
    for _ in range(REPEATS):
        await db.read(MEMBER_RELATIONS.reference, **params)
    for _ in range(REPEATS):
        started = time.perf_counter()
        rows = await db.read(MEMBER_RELATIONS.reference, **params)
        times.append((time.perf_counter() - started) * 1000)
        degree = rows[0]["rows"][0]["degree"]
    assert summary.profile is not None
    plan = summary.profile
    return db_hits(plan), db_hits(plan, "StatefulShortestPath"), statistics.median(times), degree


def cases(network: Network) -> list[tuple[str, int, int]]:
    """(label, viewer, target): from the biggest hub and two median members to each distance."""
    adjacency = adjacency_of(network)
    by_degree = sorted(range(len(network.ids)), key=lambda i: len(adjacency[i]))
    viewers = {
        "hub": by_degree[-1],
        "median member": by_degree[len(by_degree) // 2],
        "p90 member": by_degree[int(len(by_degree) * 0.9)],
    }
    chosen = []
    for role, viewer in viewers.items():
        far = distances(network, viewer)
        for wanted, label in (
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4 hops"),
            (-1, "unreachable"),
        ):
            targets = [i for i, d in enumerate(far) if d == wanted]
            if wanted == 4 and not targets:
                targets = [i for i, d in enumerate(far) if d > 4]
            # The best-connected target of each ring: the costliest for a bidirectional search.
            if targets:
                target = max(targets, key=lambda i: len(adjacency[i]))
                chosen.append(
                    (
                        f"{role} ({len(adjacency[viewer])} conn.) -> {label} "
                        f"({len(adjacency[target])} conn.)",
                        viewer,
                        target,
                    )
                )
    return chosen


async def main(tier_name: str) -> int:
    async with loaded_store(tier_name) as store:
        network, db = store.network, store.db
        lines = [
            f"# Degree at scale: tier {tier_name}",
            "",
            f"{len(network.ids):,} members, {len(network.connections):,} connections "
            f"(seed {network.seed}); Neo4j {store.version} on this 2-core machine. Query: "
            "`cypher/member_relations.cypher` for one member (degree, relationship and the "
            f"inputs of the buttons), db hits from PROFILE, time the median of {REPEATS} runs.",
            "",
            "| viewer -> target | degree | db hits | of which shortest path | ms |",
            "|---|---|---:|---:|---:|",
        ]
        for label, viewer, target in cases(network):
            hits, path_hits, millis, degree = await profile(
                db, network.ids[viewer], network.ids[target]
            )
            lines.append(f"| {label} | {degree} | {hits:,} | {path_hits:,} | {millis:.1f} |")
            print(lines[-1])
    out = ROOT / "docs" / "degree-at-scale.md"
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "S")))
