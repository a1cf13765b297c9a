"""A local Neo4j holding a tier's generated network, loaded once and reused between runs.

bench/data/<tier>/ holds the store and, once loaded, manifest.json (seed and counts): a store
whose manifest differs from what the generator makes now is deleted and loaded anew.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import localneo4j
from bench.generate import TIERS, Network, generate
from bench.load import load
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Store:
    db: Database
    network: Network
    version: str


def manifest(network: Network) -> dict[str, Any]:
    return {
        "tier": network.tier.name,
        "seed": network.seed,
        "members": len(network.ids),
        "connections": len(network.connections),
        "follows": len(network.follows),
        "companyFollows": len(network.company_follows),
        "posts": len(network.posts),
    }


@contextlib.asynccontextmanager
async def loaded_store(tier_name: str) -> AsyncIterator[Store]:
    network = generate(TIERS[tier_name])
    network.ids.append("unreachable-member")  # a member without any connection
    directory = ROOT / "bench" / "data" / tier_name
    manifest_file = directory / "manifest.json"
    wanted = manifest(network)
    loaded = manifest_file.exists() and json.loads(manifest_file.read_text()) == wanted
    if not loaded:
        shutil.rmtree(directory, ignore_errors=True)
    server = localneo4j.start(directory / "store")
    driver = open_driver(server.uri, "", "")
    try:
        db = Database(driver, "neo4j")
        await apply_migrations(db)
        if not loaded:
            seconds = await load(db, network)
            manifest_file.write_text(json.dumps(wanted, indent=2) + "\n")
            print(f"loaded tier {tier_name} in {seconds:.0f} s")
        yield Store(db, network, server.version)
    finally:
        await driver.close()
        server.stop()
