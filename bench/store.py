"""A local Neo4j holding a tier's generated network, loaded once and reused between runs.

bench/data/<tier>/ holds the store and, once loaded, manifest.json (seed and counts): a store
whose manifest differs from what the generator makes now is deleted and loaded anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import statistics
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import localneo4j
from bench.generate import TIERS, Network, Tier, generate
from bench.load import load
from bench.rings import ring_sizes
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations

ROOT = Path(__file__).resolve().parent.parent
RING_SAMPLES = 1_000
GENERATOR = ROOT / "bench" / "generate.py"
AWAIT_INDEXES = "CALL db.awaitIndexes(7200)"
# Page cache and heap per tier: the whole store fits in the page cache, as in production.
# Tier L's store (about 23 GB with its indexes) does not fit: 10 GB holds the hot part, and
# leaves room for the harness, which keeps the 25-million-connection network in memory.
MEMORY = {"XS": (256, "1g"), "S": (1024, "2g"), "M": (6144, "4g"), "L": (10240, "4g")}


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


def generated(tier: Tier, directory: Path) -> Network:
    """The tier's network: from the generator, or from the copy it pickled last time while
    bench/generate.py has not changed since (tier L: minutes to generate, seconds to read)."""
    key = hashlib.sha256(GENERATOR.read_bytes() + tier.name.encode()).hexdigest()
    copy = directory / "network.pickle"
    if copy.exists():
        with copy.open("rb") as file:
            saved_key, network = pickle.load(file)  # noqa: S301 (our own file, made below)
        if saved_key == key:
            return cast(Network, network)
    network = generate(tier)
    network.ids.append("unreachable-member")  # a member without any connection
    directory.mkdir(parents=True, exist_ok=True)
    with copy.open("wb") as file:
        pickle.dump((key, network), file, protocol=pickle.HIGHEST_PROTOCOL)
    return network


@contextlib.asynccontextmanager
async def loaded_store(tier_name: str) -> AsyncIterator[Store]:
    """The tier's store, imported unless it holds this network already. `imported.json` marks
    a finished import, so a load stopped while the indexes were built resumes there."""
    started = time.monotonic()
    directory = ROOT / "bench" / "data" / tier_name
    network = generated(TIERS[tier_name], directory)
    manifest_file, imported_file = directory / "manifest.json", directory / "imported.json"
    wanted = identity(network)
    loaded = _holds(manifest_file, wanted)
    if not loaded and not _holds(imported_file, wanted):
        manifest_file.unlink(missing_ok=True)
        shutil.rmtree(directory / "store", ignore_errors=True)
        load(network, directory / "store")
        imported_file.write_text(json.dumps(wanted, indent=2) + "\n")
    pagecache_mb, heap = MEMORY[tier_name]
    server = localneo4j.start(
        directory / "store", pagecache_mb=pagecache_mb, heap=heap, plugins=with_plugins()
    )
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


def with_plugins() -> bool:
    """Whether the tier's Neo4j loads the network index (docs/discovery.md): yes, unless
    VERNETZT_BENCH_PLUGINS=0, to measure what the index's listener costs writes."""
    return os.environ.get("VERNETZT_BENCH_PLUGINS", "1") != "0"


def _holds(file: Path, wanted: dict[str, Any]) -> bool:
    """Whether the manifest or import mark `file` names the network `wanted` identifies."""
    return file.exists() and _identity_of(file, list(wanted)) == wanted


def _identity_of(manifest_file: Path, keys: list[str]) -> dict[str, Any]:
    written = json.loads(manifest_file.read_text())
    return {key: written.get(key) for key in keys}
