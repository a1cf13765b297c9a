"""Housekeeping in real API processes (resolvers/housekeeping.py): two worker processes sweep
the same expired items at once and each item is removed once (their summed metrics count each
one once); a process killed (`kill -9`) mid-sweep leaves whole batches, the fresh items and a
lease that lapses, and the next process finishes the sweep."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from cypher.database import Database
from resolvers.housekeeping import LEASE
from tests.support.expired import KINDS, counts, seed
from tests.support.neo4j import Neo4jServer
from tests.support.processes import api_process

TOKEN = "housekeeping-metrics-token-long-enough"
SWEEPING = {"VERNETZT_SWEEP_SECONDS": "0.2", "VERNETZT_SWEEP_LEASE_SECONDS": "3"}
LEASE_STATE = """
MATCH (l:Lease {name: $name})
RETURN l.holder AS holder, l.until > timestamp() AS held
"""


async def until_counts(db: Database, expected: dict[str, int], within: float = 90) -> None:
    deadline = time.monotonic() + within
    while (found := await counts(db)) != expected:
        assert time.monotonic() < deadline, found
        await asyncio.sleep(0.2)


async def swept_by_kind(base: str) -> dict[str, float]:
    async with httpx.AsyncClient() as client:
        answer = await client.get(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    scrape = answer.text
    return {
        sample.labels["kind"]: sample.value
        for family in text_string_to_metric_families(scrape)
        for sample in family.samples
        if sample.name == "vernetzt_swept_total"
    }


async def test_two_worker_processes_remove_each_expired_item_once(
    db: Database, neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    await seed(db, expired=1500, fresh=20)
    files = tmp_path / "metrics"
    files.mkdir()
    env = {
        **SWEEPING,
        "VERNETZT_SWEEP_BATCH": "100",
        "VERNETZT_METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(files),
    }
    with api_process(neo4j_server, env, tmp_path / "api.log", workers=2) as base:
        await until_counts(db, dict.fromkeys(KINDS, 20))
        assert await swept_by_kind(base) == dict.fromkeys(KINDS, 1500)  # summed over both workers


async def test_a_sweeper_killed_mid_sweep_leaves_whole_batches_and_the_next_one_finishes(
    db: Database, neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    await seed(db, expired=3000, fresh=20)
    everything = sum((await counts(db)).values())
    env = {**SWEEPING, "VERNETZT_SWEEP_BATCH": "10"}  # 1,500 small batches: seconds of work
    with api_process(neo4j_server, env, tmp_path / "first.log") as base:
        async with httpx.AsyncClient() as client:
            pid = (await client.get(f"{base}/healthz")).json()["pid"]
        deadline = time.monotonic() + 60
        while sum((await counts(db)).values()) > everything - 100:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    left = await counts(db)
    lease = await db.read_one(LEASE_STATE, name=LEASE)
    assert lease is not None
    assert lease["held"]  # by the dead process: it never gave it back
    assert lease["holder"].split(":")[1] == str(pid)
    assert any(count > 20 for count in left.values())  # killed before it was done
    assert await counts(db, only_fresh=True) == dict.fromkeys(KINDS, 20)

    with api_process(neo4j_server, env, tmp_path / "second.log"):
        await until_counts(db, dict.fromkeys(KINDS, 20))  # once the lease lapsed, in 3 s
    lease = await db.read_one(LEASE_STATE, name=LEASE)
    assert lease is not None
    assert not lease["held"]  # given back when done
