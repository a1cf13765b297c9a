"""`make bench TIER=M`: one tier end to end (benchmark protocol).

Generate and load the tier if its store is missing, record the floor's traces, start Vernetzt
and the peer on the same Neo4j, check that they answer alike, warm up, then measure every op and
the weighted mix at concurrency 1 and 8, systems interleaved op by op, `--runs` times. Writes
bench/results/<TIER>.json; `python -m bench.report` turns the results into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import secrets
import signal
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import psutil
import uvloop

import cypher
from app import create_app
from bench import servers
from bench.floor import FloorWrites, RecordingDatabase, Step, trace
from bench.measure import CpuMeter, by_bucket, figures, run
from bench.params import READ_OPS, Plan, Request, WriteSource, WriteUnit, mix, plan
from bench.peer.answers import peer_answer, vernetzt_answer
from bench.ratios import per_run
from bench.store import Store, loaded_store
from bench.systems import (
    FloorSystem,
    HttpSystem,
    Members,
    Outcome,
    System,
    aiohttp_post,
    in_process_post,
)
from cypher.database import Database
from resolvers.context import Services
from resolvers.limits import Limits
from resolvers.passwords import Passwords
from resolvers.tokens import issue_token
from settings import Settings

ROOT = Path(__file__).resolve().parent.parent
INVITATION_ID = cypher.query("bench_invitation_id")
CLEAN_UP = cypher.statements("bench_clean_up")
CONCURRENCIES = (1, 8)
RECORDING_TIMEOUT_SECONDS = 120.0
WARM_UP = 40  # requests per op and system before measuring; the first pass is reported as cold


@dataclass(frozen=True)
class Sizes:
    """How much to measure: viewers per bucket, requests per op and run, mix requests."""

    per_bucket: int
    requests: int
    mix: int


SIZES = {
    "XS": Sizes(3, 16, 40),
    "S": Sizes(10, 100, 300),
    "M": Sizes(10, 100, 300),
    # Tier L's searches and suggestions take up to seconds each: fewer requests keep one run
    # of the three systems under half an hour (its p50s make the growth figures).
    "L": Sizes(10, 60, 200),
}


async def record_traces(
    settings: Settings, store: Store, plan_: Plan, members: Members
) -> dict[Request, list[Step]]:
    """Run each read once through the app in-process, keeping the Cypher it ran."""
    # A generous timeout: the first run of each query also plans it, on a cold JVM.
    db = RecordingDatabase(store.db.driver, "neo4j", RECORDING_TIMEOUT_SECONDS)
    app = create_app(settings, db=db)
    traces: dict[Request, list[Step]] = {}
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app))
        vernetzt = HttpSystem(
            "vernetzt", "http://bench/graphql", ROOT / "bench" / "ops", members,
            in_process_post(client),
        )  # fmt: skip
        for requests in plan_.reads.values():
            for request in requests:
                if request not in traces:
                    db.start()
                    await vernetzt.read(request)
                    traces[request] = trace(db.steps)
        await client.aclose()
    return traces


async def clean_up(store: Store) -> None:
    """Undo every write since the store was loaded (when its manifest was written)."""
    loaded_ms = int(store.manifest.stat().st_mtime * 1000)
    for statement in CLEAN_UP:
        await store.db.write(statement, started=loaded_ms)


async def compare_answers(vernetzt: HttpSystem, peer: HttpSystem, plan_: Plan) -> dict[str, str]:
    """For every read op: how many of its distinct requests both servers answered alike."""
    report = {}
    for op in READ_OPS:
        requests = list(dict.fromkeys(plan_.reads[op]))
        same = 0
        for request in requests:
            try:
                ours = vernetzt_answer(op, (await vernetzt.read(request)).data)
                theirs = peer_answer(op, (await peer.read(request)).data)
            except (RuntimeError, aiohttp.ClientError) as error:  # a timeout counts as unlike
                print(f"no answer to compare for {request}: {str(error)[:300]}")
                continue
            same += ours == theirs
            if ours != theirs:
                print(f"answers differ for {request}:\n  vernetzt {ours}\n  peer     {theirs}")
        report[op] = f"{same}/{len(requests)}"
    return report


async def execute(system: System, item: Request | WriteUnit) -> list[Outcome]:
    if isinstance(item, WriteUnit):
        return await system.write(item)
    return [await system.read(item)]


async def measure(
    systems: list[System], plan_: Plan, writes: WriteSource, sizes: Sizes, cpu: CpuMeter
) -> tuple[list[dict[str, Any]], dict[str, dict[str, float]]]:
    """One run: each op, then the mix, at each concurrency, the systems taking turns."""
    rows: list[dict[str, Any]] = []
    spent: dict[str, dict[str, float]] = {s.name: {} for s in systems}
    for concurrency in CONCURRENCIES:
        phases: list[tuple[str, Any]] = [(op, plan_.reads[op]) for op in READ_OPS]
        phases.append(("writes", None))
        phases.append(("mix", None))
        for op, items in phases:
            for system in systems:
                if op == "writes":
                    items = writes.units(sizes.requests)
                elif op == "mix":
                    items = mix(plan_, writes, sizes.mix)
                before = cpu.read()
                outcomes, seconds, errors = await run(
                    items, concurrency, functools.partial(execute, system)
                )
                used = CpuMeter.spent(before, cpu.read())
                for name, value in used.items():
                    spent[system.name][name] = spent[system.name].get(name, 0.0) + value
                row = {"system": system.name, "op": op, "concurrency": concurrency}
                row |= figures(outcomes, seconds, errors)
                row["cpu_ms_per_request"] = CpuMeter.per_request(used, len(outcomes) + len(errors))
                if op != "mix":
                    row["buckets"] = by_bucket(outcomes)
                rows.append(row)
                print(f"{system.name:>9} {op:>12} c={concurrency} p50 {row['p50_ms']:8.2f} ms"
                      f"  p95 {row['p95_ms']:8.2f} ms  {row['rps']:7.1f}/s"
                      f"  errors {row['errors']}")  # fmt: skip
    return rows, spent


async def warm_up(systems: list[System], plan_: Plan, writes: WriteSource) -> list[dict[str, Any]]:
    """The first WARM_UP reads of each op and a few writes per system, reported as cold."""
    cold = []
    for system in systems:
        for op in READ_OPS:
            outcomes, seconds, errors = await run(
                plan_.reads[op][:WARM_UP], 1, functools.partial(execute, system)
            )
            cold.append({"system": system.name, "op": op} | figures(outcomes, seconds, errors))
        await run(writes.units(6), 1, functools.partial(execute, system))
    return cold


def medians(runs: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each figure's median across runs, with its spread (min, max) for p50 and rps."""
    result = []
    for rows in zip(*runs, strict=True):
        row = dict(rows[0])
        for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "rps"):
            row[key] = round(statistics.median(r[key] for r in rows), 2)
        row["p50_spread_ms"] = [min(r["p50_ms"] for r in rows), max(r["p50_ms"] for r in rows)]
        row["rps_spread"] = [min(r["rps"] for r in rows), max(r["rps"] for r in rows)]
        result.append(row)
    return result


def machine() -> dict[str, Any]:
    return {
        "cpus": psutil.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


async def bench(tier: str, runs: int) -> dict[str, Any]:
    sizes = SIZES[tier]
    async with loaded_store(tier) as store:
        network = store.network
        plan_ = plan(network, sizes.per_bucket, sizes.requests)
        writes = WriteSource(network, plan_.viewers)
        secret = secrets.token_urlsafe(48)
        settings = Settings(environment="production", secret=secret, neo4j_uri=store.uri,
                            graphql_ide=False, introspection=False).check()  # fmt: skip
        tokens: dict[int, str] = {}

        def token(index: int) -> str:
            if index not in tokens:
                tokens[index] = issue_token(settings, network.ids[index], 0)
            return tokens[index]

        async def invitation(sender: int, invitee: int) -> str:
            row = await store.db.read_one(
                INVITATION_ID, sender=network.ids[sender], invitee=network.ids[invitee]
            )
            assert row is not None, "the invitation was not created"
            return str(row["id"])

        members = Members(network.ids, token, invitation)
        await clean_up(store)  # what an interrupted run may have left
        print("recording the floor's traces ...")
        traces = await record_traces(settings, store, plan_, members)
        floor_db = Database(store.db.driver, "neo4j", settings.db_timeout_seconds)
        services = Services(floor_db, settings, Passwords(settings), Limits(settings))
        floor = FloorSystem(floor_db, traces, FloorWrites(services), members)
        connector = aiohttp.TCPConnector(limit=16)
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            with (
                servers.vernetzt(store.uri, secret) as ours,
                servers.peer(store.uri, secret) as theirs,
            ):
                post = aiohttp_post(session)
                vernetzt = HttpSystem("vernetzt", ours.url, ROOT / "bench" / "ops", members, post)
                peer_ops = ROOT / "bench" / "peer" / "ops"
                peer = HttpSystem("peer", theirs.url, peer_ops, members, post)
                answers = await compare_answers(vernetzt, peer, plan_)
                print(f"answers alike: {answers}")
                systems: list[System] = [floor, vernetzt, peer]
                cold = await warm_up(systems, plan_, writes)
                cpu = CpuMeter({"neo4j": store.pid, "vernetzt": ours.pid, "peer": theirs.pid,
                                "harness": os.getpid()})  # fmt: skip
                measured = []
                cpu_runs = []
                for number in range(runs):
                    print(f"run {number + 1} of {runs}")
                    rows, spent = await measure(systems, plan_, writes, sizes, cpu)
                    measured.append(rows)
                    cpu_runs.append(spent)
        await clean_up(store)
        result = {
            "tier": tier,
            "members": len(network.ids),
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "neo4j": store.version,
            "runs": runs,
            "sizes": sizes.__dict__,
            "answers_alike": answers,
            "cpu_seconds": cpu_runs,
            "cold": cold,
            "results": medians(measured),
            "ratios": per_run(measured),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tier", default="XS", choices=list(SIZES))
    parser.add_argument("--runs", type=int, default=None, help="repeated runs (S, M: 5, else 1)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    # Five runs give each ratio a range wide enough to tell noise from change (analysis.md);
    # XS is the smoke test, and L (about 13 min a run) is measured for growth.
    runs = args.runs or (5 if args.tier in ("S", "M") else 1)
    out = args.out or ROOT / "bench" / "results" / f"{args.tier}.json"
    # SIGTERM as Ctrl-C: the context managers then stop the servers and the Neo4j they started.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    # The floor runs here, so it gets the event loop the server runs on (servers.py).
    result = uvloop.run(bench(args.tier, runs))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
