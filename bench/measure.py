"""Running requests at a fixed concurrency, and the figures the protocol asks for."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import psutil

from bench.systems import Outcome

Item = TypeVar("Item")


async def run(
    items: Sequence[Item], concurrency: int, execute: Callable[[Item], Awaitable[list[Outcome]]]
) -> tuple[list[Outcome], float, list[str]]:
    """Run every item with `concurrency` workers: the outcomes, the wall-clock seconds, and the
    errors of the items that failed (a timeout is a result too, not a reason to stop)."""
    queue: asyncio.Queue[Item] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    outcomes: list[Outcome] = []
    errors: list[str] = []

    async def worker() -> None:
        while not queue.empty():
            try:
                outcomes.extend(await execute(queue.get_nowait()))
            except Exception as error:
                errors.append(str(error)[:300])

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return outcomes, time.perf_counter() - started, errors


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def figures(outcomes: list[Outcome], seconds: float, errors: list[str]) -> dict[str, Any]:
    latencies = sorted(o.ms for o in outcomes) or [float("nan")]
    result: dict[str, Any] = {
        "n": len(outcomes),
        "errors": len(errors),
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "max_ms": round(latencies[-1], 2),
        "rps": round(len(latencies) / seconds, 1),
    }
    split = server_split(outcomes)
    if split:
        result["server_ms"] = split
    if errors:
        result["first_error"] = errors[0]
    return result


def server_split(outcomes: list[Outcome]) -> dict[str, float]:
    """Median server-side time per part (db, graphql, total) where the server reports it."""
    parts = sorted({key for o in outcomes for key in o.server})
    return {
        part: round(
            percentile(sorted(o.server[part] for o in outcomes if part in o.server), 0.5), 2
        )
        for part in parts
    }


def by_bucket(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """p50/p95/max and count per bucket (throughput is not meaningful per bucket)."""
    buckets: dict[str, list[float]] = {}
    for outcome in outcomes:
        buckets.setdefault(outcome.bucket, []).append(outcome.ms)
    result = {}
    for bucket, values in sorted(buckets.items()):
        values.sort()
        result[bucket] = {
            "n": len(values),
            "p50_ms": round(percentile(values, 0.5), 2),
            "p95_ms": round(percentile(values, 0.95), 2),
            "max_ms": round(values[-1], 2),
        }
    return result


class CpuMeter:
    """CPU seconds (user + system) of the named processes and their children, read before and
    after a phase. The harness's children are the Neo4j and the two servers it started, so its
    own share is its reading less theirs (bench.report does that subtraction)."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.processes = {name: psutil.Process(pid) for name, pid in pids.items()}

    def read(self) -> dict[str, float]:
        readings = {}
        for name, process in self.processes.items():
            times = process.cpu_times()
            children = 0.0
            for child in process.children(recursive=True):
                child_times = child.cpu_times()
                children += child_times.user + child_times.system
            readings[name] = times.user + times.system + children
        return readings

    @staticmethod
    def spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
        return {name: after[name] - before[name] for name in before}

    @staticmethod
    def per_request(spent: dict[str, float], requests: int) -> dict[str, float]:
        """CPU ms per request of each process, the harness's own share apart from its
        children's: where a system's time goes, beside the latency it gave."""
        others = {name: value for name, value in spent.items() if name != "harness"}
        own = {"harness": spent["harness"] - sum(others.values())} if "harness" in spent else {}
        return {
            name: round(1000 * value / max(requests, 1), 2)
            for name, value in (others | own).items()
        }
