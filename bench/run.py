"""`make bench TIER=M`: one tier end to end (benchmark protocol).

Generate and load the tier if its store is missing, record the floor's traces, start Vernetzt
(one process, and beside it two: WORKERS=2, at concurrency 8 only) and the peer on the same
Neo4j, check that they answer alike, warm up, then measure every op and the weighted mix at
concurrency 1 and 8, systems interleaved op by op, `--runs` times (RUNS). Figures and target
ratios are pooled over the runs, each ratio with its bootstrap interval (bench.pooled); at tier
M, live delivery is measured after (bench.live_delivery). Writes bench/results/<TIER>.json;
`python -m bench.report` turns the results into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import platform
import secrets
import signal
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import psutil
import uvloop

import cypher
from bench import live_delivery, servers
from bench.discovery import discovery_targets
from bench.floor import FloorWrites, RecordingDatabase, Step, trace
from bench.measure import CpuMeter, by_bucket, figures, run
from bench.params import READ_OPS, Plan, Request, WriteSource, WriteUnit, mix, plan
from bench.peer.answers import peer_answer, vernetzt_answer
from bench.pooled import Sample, pooled_figures, ratio_with_interval
from bench.ratios import OPS, RATIOS, per_run
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
from cypher.database import Database, Row
from resolvers.access.passwords import Passwords
from resolvers.access.rate_limits import Limits
from resolvers.access.tokens import issue_token
from resolvers.request.context import Services
from server.app import create_app
from settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HERE = ROOT / "bench"  # the benchmark's own queries lie beside it
INVITATION_ID = cypher.query("invitation_id", Row, HERE)
CLEAN_UP = cypher.statements("clean_up", HERE)
CONCURRENCIES = (1, 8)
MORE_WORKERS = "vernetzt-2w"  # Vernetzt with WORKERS=2, beside the one-process figures
# Runs per tier, as the issue judges them: enough for a bootstrap interval at M, S and L; XS is
# the smoke test.
RUNS = {"XS": 1, "S": 5, "M": 10, "L": 3}
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
    # of the systems near twenty minutes (its p50s make the growth figures).
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
            "vernetzt",
            "http://bench/graphql",
            ROOT / "bench" / "ops",
            members,
            in_process_post(client),
        )
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


# One run's latencies and seconds of each (system, op, concurrency), kept for pooling.
Kept = dict[tuple[str, str, int], tuple[list[Outcome], float]]


async def measure(
    systems: list[System], plan_: Plan, writes: WriteSource, sizes: Sizes, cpu: CpuMeter
) -> tuple[list[dict[str, Any]], dict[str, dict[str, float]], Kept]:
    """One run: each op, then the mix, at each concurrency, the systems taking turns."""
    rows: list[dict[str, Any]] = []
    spent: dict[str, dict[str, float]] = {s.name: {} for s in systems}
    kept: Kept = {}
    for concurrency in CONCURRENCIES:
        phases: list[tuple[str, Any]] = [(op, plan_.reads[op]) for op in READ_OPS]
        phases.append(("writes", None))
        phases.append(("mix", None))
        for op, items in phases:
            for system in systems:
                if concurrency == 1 and system.name == MORE_WORKERS:
                    continue  # reported beside concurrency 8 only, where it can help
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
                rows.append(row)
                # Without the answers: ten runs of them would not fit in memory at tier M.
                lean = [dataclasses.replace(outcome, data=None) for outcome in outcomes]
                kept[(system.name, op, concurrency)] = (lean, seconds)
                print(
                    f"{system.name:>11} {op:>12} c={concurrency} p50 {row['p50_ms']:8.2f} ms"
                    f"  p95 {row['p95_ms']:8.2f} ms  {row['rps']:7.1f}/s"
                    f"  errors {row['errors']}"
                )
    return rows, spent, kept


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


def pooled_results(runs: list[list[dict[str, Any]]], kept: list[Kept]) -> list[dict[str, Any]]:
    """Each figure pooled over the runs (bench.pooled), with its per-run spread for p50 and
    rps; errors summed; the server's split and the CPU per request as medians of the runs;
    buckets from the pooled latencies."""
    result = []
    for rows in zip(*runs, strict=True):
        key = (rows[0]["system"], rows[0]["op"], rows[0]["concurrency"])
        outcomes = [outcome for run_kept in kept for outcome in run_kept[key][0]]
        row = {name: rows[0][name] for name in ("system", "op", "concurrency")}
        row["n"] = sum(r["n"] for r in rows)
        row["errors"] = sum(r["errors"] for r in rows)
        row |= pooled_figures(samples(kept, key))
        row["p50_spread_ms"] = [min(r["p50_ms"] for r in rows), max(r["p50_ms"] for r in rows)]
        row["rps_spread"] = [min(r["rps"] for r in rows), max(r["rps"] for r in rows)]
        row |= {name: _median_of(rows, name) for name in ("server_ms", "cpu_ms_per_request")}
        if key[1] != "mix":
            row["buckets"] = by_bucket(outcomes)
        errors = [r["first_error"] for r in rows if "first_error" in r]
        if errors:
            row["first_error"] = errors[0]
        result.append(row)
    return result


def samples(kept: list[Kept], key: tuple[str, str, int]) -> list[Sample]:
    return [Sample([o.ms for o in run_kept[key][0]], run_kept[key][1]) for run_kept in kept]


def _median_of(rows: list[dict[str, Any]], name: str) -> dict[str, float]:
    parts = sorted({part for r in rows for part in r.get(name, {})})
    return {
        part: round(statistics.median(r[name][part] for r in rows if part in r.get(name, {})), 2)
        for part in parts
    }


def targets(kept: list[Kept]) -> dict[str, dict[str, Any]]:
    """Every target ratio on the pooled figures, with its bootstrap 95% interval; and the same
    requests/s ratio for Vernetzt with two workers, reported beside (not a target)."""
    found = {}
    specs = [*RATIOS, (f"{MORE_WORKERS}/peer req/s", 8, "peer", "rps")]
    for op in OPS:
        for name, concurrency, other, key in specs:
            ours = MORE_WORKERS if name.startswith(MORE_WORKERS) else "vernetzt"
            if (ours, op, concurrency) in kept[0]:
                found[f"{op} {name}"] = ratio_with_interval(
                    samples(kept, (ours, op, concurrency)),
                    samples(kept, (other, op, concurrency)),
                    key,
                )
    return found


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
        settings = Settings(
            environment="production",
            secret=secret,
            neo4j_uri=store.uri,
            graphql_ide=False,
            introspection=False,
        ).check()
        tokens: dict[int, tuple[str, float]] = {}

        def token(index: int) -> str:
            """The member's token, issued anew after half its lifetime: ten runs at tier M
            take longer than a token lives (an hour), and an expired one is refused."""
            found = tokens.get(index)
            if found is None or time.monotonic() - found[1] > settings.token_ttl_seconds / 2:
                found = (issue_token(settings, network.ids[index], 0), time.monotonic())
                tokens[index] = found
            return found[0]

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
                servers.vernetzt(store.uri, secret, workers=2) as ours_twice,
                servers.peer(store.uri, secret) as theirs,
            ):
                post = aiohttp_post(session)
                vernetzt = HttpSystem("vernetzt", ours.url, ROOT / "bench" / "ops", members, post)
                peer_ops = ROOT / "bench" / "peer" / "ops"
                peer = HttpSystem("peer", theirs.url, peer_ops, members, post)
                twice = HttpSystem(
                    MORE_WORKERS, ours_twice.url, ROOT / "bench" / "ops", members, post
                )
                answers = await compare_answers(vernetzt, peer, plan_)
                print(f"answers alike: {answers}")
                systems: list[System] = [floor, vernetzt, twice, peer]
                cold = await warm_up(systems, plan_, writes)
                cpu = CpuMeter(
                    {
                        "neo4j": store.pid,
                        "vernetzt": ours.pid,
                        MORE_WORKERS: ours_twice.pid,
                        "peer": theirs.pid,
                        "harness": os.getpid(),
                    }
                )
                measured, cpu_runs, kept = [], [], []
                for number in range(runs):
                    print(f"run {number + 1} of {runs}")
                    rows, spent, run_kept = await measure(systems, plan_, writes, sizes, cpu)
                    measured.append(rows)
                    cpu_runs.append(spent)
                    kept.append(run_kept)
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
            "results": pooled_results(measured, kept),
            "targets": targets(kept),
            "ratios": per_run(measured),
        }
        if tier == "L":  # against tier S's own figures, where they were measured
            tier_s = RESULTS / "S.json"
            earlier = json.loads(tier_s.read_text()) if tier_s.exists() else None
            result["discovery_targets"] = discovery_targets(result, earlier)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tier", default="XS", choices=list(SIZES))
    parser.add_argument("--runs", type=int, default=None, help="repeated runs (see RUNS)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    runs = args.runs or RUNS[args.tier]
    out = args.out or RESULTS / f"{args.tier}.json"
    # SIGTERM as Ctrl-C: the context managers then stop the servers and the Neo4j they started.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    # The floor runs here, so it gets the event loop the server runs on (servers.py).
    result = uvloop.run(bench(args.tier, runs))
    if args.tier == "M":  # the issue records live delivery in M.json; its own Neo4j and servers
        print("measuring live delivery ...")
        result["live"] = live_delivery.measured()
        result["live_delivery"] = result["live"]["live_delivery"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
