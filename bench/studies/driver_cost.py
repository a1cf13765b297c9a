"""What a read costs the API's process in the Python driver, by Neo4j's keep-alive setting and
by the shape of the answer: 20 rows, or one row holding the same 20 items as a list. Two
throw-away local Neo4j servers, one with `server.bolt.connection_keep_alive_for_requests` ALL
(Neo4j's default) and one with OFF (what Vernetzt's servers run with), measured in turns so the
machine's drift falls on both. Writes bench/results/driver.json.

    .venv/bin/python -m bench.studies.driver_cost [--queries 2000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, LiteralString

import uvloop
from neo4j import READ_ACCESS, AsyncDriver, Query

import localneo4j
from cypher.database import open_driver

RESULTS = Path(__file__).resolve().parents[1] / "results" / "driver.json"
ROUNDS = 3
# A page of 20 member cards, as rows and as one row.
SHAPES: dict[str, LiteralString] = {
    "20 rows": """
        UNWIND range(1, 20) AS i
        RETURN 'id-' + i AS id, 'handle-' + i AS handle, 'Name ' + i AS name,
               'A headline' AS headline, 'CONNECT' AS primaryButton, i AS joinedAt""",
    "1 row of 20": """
        UNWIND range(1, 20) AS i
        RETURN collect({id: 'id-' + i, handle: 'handle-' + i, name: 'Name ' + i,
                        headline: 'A headline', primaryButton: 'CONNECT', joinedAt: i}) AS rows""",
}
KEEP_ALIVE = ("ALL", "OFF")


@contextlib.contextmanager
def server(keep_alive: str) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="vernetzt-driver-") as directory:
        config = Path(directory) / "neo4j.conf"
        config.write_text(f"server.bolt.connection_keep_alive_for_requests={keep_alive}\n")
        started = localneo4j.start(Path(directory) / "store", config=config)
        try:
            yield started.uri
        finally:
            started.stop()


async def read(driver: AsyncDriver, query: LiteralString) -> list[dict[str, Any]]:
    """A read as cypher.database.Database makes one: its own session, one auto-commit query."""
    async with driver.session(database="neo4j", default_access_mode=READ_ACCESS) as session:
        result = await session.run(Query(query, timeout=5.0))
        return await result.data()


async def cpu_ms_per_read(driver: AsyncDriver, query: LiteralString, queries: int) -> float:
    for _ in range(queries // 10):  # plans and connections warm
        await read(driver, query)
    before = resource.getrusage(resource.RUSAGE_SELF)
    for _ in range(queries):
        await read(driver, query)
    after = resource.getrusage(resource.RUSAGE_SELF)
    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return used * 1000 / queries


async def measure(uris: dict[str, str], queries: int) -> dict[str, dict[str, Any]]:
    drivers = {keep_alive: open_driver(uri, "", "") for keep_alive, uri in uris.items()}
    runs: dict[tuple[str, str], list[float]] = {}
    try:
        for _ in range(ROUNDS):
            for shape, query in SHAPES.items():
                for keep_alive, driver in drivers.items():
                    ms = await cpu_ms_per_read(driver, query, queries)
                    runs.setdefault((shape, keep_alive), []).append(ms)
    finally:
        for driver in drivers.values():
            await driver.close()
    return {
        f"{shape}, keep-alive {keep_alive}": {
            "cpu_ms_per_read": round(statistics.median(values), 3),
            "runs": [round(value, 3) for value in values],
        }
        for (shape, keep_alive), values in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args()
    started = time.monotonic()
    with server("ALL") as default, server("OFF") as off:
        result = uvloop.run(measure({"ALL": default, "OFF": off}, args.queries))
    print(json.dumps(result, indent=2))
    print(f"measured in {time.monotonic() - started:.0f} s")
    RESULTS.write_text(json.dumps({"queries_per_run": args.queries, **result}, indent=2) + "\n")


if __name__ == "__main__":
    main()
