"""Loads a generated network into Neo4j with batched UNWIND writes, reporting its rate."""

from __future__ import annotations

import sys
import time

import cypher
from bench.generate import Network, batches
from cypher.database import Database

LOAD_MEMBERS = cypher.query("bench_load_members")
LOAD_CONNECTIONS = cypher.query("bench_load_connections")
LOAD_FOLLOWS = cypher.query("bench_load_follows")
BATCH = 5_000


def _progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-9)
    sys.stderr.write(f"\r{label}: {done:,}/{total:,} ({rate:,.0f}/s)")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


async def load(db: Database, network: Network) -> float:
    """Write members, connections (with both follows, R7) and celebrity follows; seconds taken."""
    started = time.monotonic()
    members = [
        {
            "id": member_id,
            "handle": f"m{index}",
            "name": f"Member {index}",
            "headline": f"Engineer in community {index // 200}",
            "primaryButton": "FOLLOW" if index in network.follow_button else "CONNECT",
            "connectionsVisibility": "ONLY_ME"
            if index in network.hidden_connections
            else "CONNECTIONS",
            "joinedDays": index % 730,
        }
        for index, member_id in enumerate(network.ids)
    ]
    for start in range(0, len(members), BATCH):
        await db.write(LOAD_MEMBERS, members=members[start : start + BATCH])
        _progress("members", min(start + BATCH, len(members)), len(members), started)
    ids = network.ids
    for label, query, pairs in (
        ("connections", LOAD_CONNECTIONS, network.connections),
        ("follows", LOAD_FOLLOWS, network.follows),
    ):
        begun, done = time.monotonic(), 0
        for batch in batches(pairs, BATCH):
            await db.write(query, pairs=[[ids[a], ids[b]] for a, b in batch])
            done += len(batch)
            _progress(label, done, len(pairs), begun)
    return time.monotonic() - started
