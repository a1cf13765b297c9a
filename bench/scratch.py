"""What the small measurements (limits, bookmarks, notifications, live delivery) share: a
throw-away local Neo4j, and one way of timing a set of cases."""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import localneo4j

Case = Callable[[], Awaitable[object]]


@contextlib.contextmanager
def scratch_neo4j(prefix: str) -> Iterator[str]:
    """A local Neo4j on a free port with an empty store: its Bolt URI; stopped and deleted
    after."""
    with tempfile.TemporaryDirectory(prefix=prefix) as directory:
        server = localneo4j.start(Path(directory) / "store", port=0)
        try:
            yield server.uri
        finally:
            server.stop()


async def timed(cases: dict[str, Case], rounds: int) -> dict[str, tuple[float, float]]:
    """Each case's (p50, p95) in milliseconds over `rounds` runs, after a first pass over every
    case that warms the plans and the JIT and is not counted."""
    results = {}
    for name, run in [*cases.items(), *cases.items()]:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            await run()
            times.append((time.perf_counter() - started) * 1000)
        results[name] = (statistics.median(times), sorted(times)[int(len(times) * 0.95)])
    return results
