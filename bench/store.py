"""A local Neo4j holding a tier's generated network, loaded once and reused between runs.

bench/data/<tier>/ holds the store and, once loaded, manifest.json (seed and counts): a store
whose manifest differs from what the generator makes now is deleted and loaded anew.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import statistics
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import localneo4j
from bench.generate import TIERS, Network, generate
from bench.load import load
from bench.rings import ring_sizes
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations

ROOT = Path(__file__).resolve().parent.parent
RING_SAMPLES = 1_000
AWAIT_INDEXES = "CALL db.awaitIndexes(7200)"
# Page cache and heap per tier: the whole store fits in the page cache, as in production.
MEMORY = {"XS": (256, "1g"), "S": (1024, "2g"), "M": (6144, "4g"), "L": (12288, "6g")}


@dataclass(frozen=True)
class Store:
    db: Database
    network: Network
    version: str
    uri: str
    pid: int  # the Neo4j process, whose CPU time the benchmark reports
    manifest: Path  # written once the load finished


def identity(network: Network) -> dict[str, Any]:
    """What decides whether a loaded store holds this network: the seed and the counts."""
    return {
        "tier": network.tier.name,
        "seed": network.seed,
        "members": len(network.ids),
        "connections": len(network.connections),
        "follows": len(network.follows),
        "companyFollows": len(network.company_follows),
        "posts": len(network.posts),
        "unfollows": len(network.unfollows),
        "invitations": len(network.invitations),
        "blocks": len(network.blocks),
    }


def manifest(network: Network) -> dict[str, Any]:
    """The identity plus the shape: degree histogram and ring sizes of 1,000 sampled members."""
    rings = ring_sizes(network, RING_SAMPLES)
    return {
        **identity(network),
        "degreeHistogram": {str(k): v for k, v in network.degree_histogram().items()},
        "ringSizes": {
            name: {"samples": len(sizes), "median": statistics.median(sizes), "max": max(sizes)}
            for name, sizes in rings.items()
        },
    }


@contextlib.asynccontextmanager
async def loaded_store(tier_name: str) -> AsyncIterator[Store]:
    started = time.monotonic()
    network = generate(TIERS[tier_name])
    network.ids.append("unreachable-member")  # a member without any connection
    directory = ROOT / "bench" / "data" / tier_name
    manifest_file = directory / "manifest.json"
    wanted = identity(network)
    loaded = manifest_file.exists() and _identity_of(manifest_file, list(wanted)) == wanted
    if not loaded:
        shutil.rmtree(directory, ignore_errors=True)
        load(network, directory / "store")
    pagecache_mb, heap = MEMORY[tier_name]
    server = localneo4j.start(directory / "store", pagecache_mb=pagecache_mb, heap=heap)
    driver = open_driver(server.uri, "", "")
    try:
        db = Database(driver, "neo4j")
        await apply_migrations(db)
        if not loaded:
            await db.write(AWAIT_INDEXES)  # constraints and indexes built on the imported data
            manifest_file.write_text(json.dumps(manifest(network), indent=2) + "\n")
            print(f"loaded tier {tier_name} in {time.monotonic() - started:.0f} s")
        yield Store(db, network, server.version, server.uri, server.process.pid, manifest_file)
    finally:
        await driver.close()
        server.stop()


def _identity_of(manifest_file: Path, keys: list[str]) -> dict[str, Any]:
    written = json.loads(manifest_file.read_text())
    return {key: written.get(key) for key in keys}
