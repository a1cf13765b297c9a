"""Discovery's queries at a tier, straight through the driver: the reference Cypher against the
network index (docs/discovery.md), per viewer, with the answers compared.

    .venv/bin/python -m bench.studies.network_index_probe [TIER] [VIEWERS_PER_BUCKET]

(default L and 3). For each viewer, taken from each connection-count bucket as the benchmark
takes them: people you may know (10), member_relations for 20 targets at distances 1 to 3 and
beyond, and the path to one of them; each query once to warm it, then timed once each way.
Writes bench/results/steps/<TIER>-network-index-probe.json and prints a line per viewer.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.params import DISTANCES, bucket_viewers
from bench.rings import Adjacency
from bench.store import ROOT, loaded_store
from cypher import Indexed, network_index
from cypher.database import Database
from resolvers.members import PATH_FROM_VIEWER
from resolvers.request.loaders import MEMBER_RELATIONS, limit_params
from resolvers.viewer import PEOPLE_YOU_MAY_KNOW
from settings import Settings


async def timed(db: Database, query: Indexed[Any], way: str, **params: Any) -> tuple[float, Any]:
    chosen = query.indexed if way == "index" else query.reference
    await db.read(chosen, **params)  # planned and cached, as in a running service
    started = time.perf_counter()
    rows = await db.read(chosen, **params)
    answer = sorted(rows[0]["rows"], key=lambda r: r["id"]) if query is MEMBER_RELATIONS else rows
    return round((time.perf_counter() - started) * 1000, 1), answer


async def probe(tier: str, per_bucket: int) -> list[dict[str, Any]]:
    async with loaded_store(tier) as store:
        db, network = store.db, store.network
        assert await network_index.detect(db, wanted=True), "Neo4j serves no network index"
        adjacency = Adjacency.of(network)
        viewers = bucket_viewers(network, adjacency, per_bucket, random.Random(1))
        limits = limit_params(Settings(), datetime.now(UTC))
        found = []
        for viewer in viewers:
            me = network.ids[viewer.index]
            targets = [network.ids[t] for d in DISTANCES for t in viewer.targets[d]][:20]
            queries = {
                "suggestions": (PEOPLE_YOU_MAY_KNOW, {"viewer": me, "limit": 10}),
                "relations of 20": (
                    MEMBER_RELATIONS,
                    {"viewer": me, "ids": targets, "handle": None, **limits},
                ),
                "path": (PATH_FROM_VIEWER, {"viewer": me, "member": targets[-2]}),
            }
            row: dict[str, Any] = {
                "bucket": viewer.bucket,
                "connections": adjacency.degree(viewer.index),
            }
            for name, (query, params) in queries.items():
                index_ms, index_answer = await timed(db, query, "index", **params)
                reference_ms, reference_answer = await timed(db, query, "reference", **params)
                row[name] = {
                    "index_ms": index_ms,
                    "reference_ms": reference_ms,
                    "alike": index_answer == reference_answer,
                }
            print(json.dumps(row), flush=True)
            found.append(row)
        return found


def main() -> None:
    tier = sys.argv[1] if len(sys.argv) > 1 else "L"
    per_bucket = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rows = asyncio.run(probe(tier, per_bucket))
    out = ROOT / "bench" / "results" / "steps" / f"{tier}-network-index-probe.json"
    out.write_text(json.dumps({"tier": tier, "viewers": rows}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
