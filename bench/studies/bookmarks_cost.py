"""What read-your-writes costs (docs/scaling.md): a request's one-row read, and a request's
write followed by a read of it, on a direct driver (`bolt://`, no bookmarks) and on a routing
driver (`neo4j://`, a per-request view carrying the client's bookmark), timed on one throw-away
local Neo4j (Community answers `neo4j://` with a routing table of itself).

    .venv/bin/python -m bench.studies.bookmarks_cost [--rounds 1000]

Each case is warmed up with a first pass and timed in a second.
"""

from __future__ import annotations

import argparse
import asyncio

from bench.scratch import Case, scratch_neo4j, timed
from cypher.database import Database, Transaction, open_driver

READ = "MATCH (m:Member {id: $id}) RETURN m.headline AS headline"
WRITE = "MATCH (m:Member {id: $id}) SET m.headline = $headline"


def cases(db: Database) -> dict[str, Case]:
    bookmark: list[str] = []  # the client's: the bookmark of its last write

    async def read() -> None:
        await db.causally_after(bookmark).read_one(READ, id="m1")

    async def write_then_read() -> None:
        async def work(tx: Transaction) -> None:
            await tx.all(WRITE, id="m1", headline="x")

        request = db.causally_after(bookmark)
        await request.transaction(work)
        await request.read_one(READ, id="m1")
        bookmark[:] = await request.bookmarks()

    return {"a request's read": read, "a request's write, then its read": write_then_read}


async def measure(uri: str, rounds: int) -> dict[str, tuple[float, float]]:
    driver = open_driver(uri, "", "")
    try:
        db = Database(driver, "neo4j", 5)
        await db.write("MERGE (:Member {id: 'm1'})")
        return await timed(cases(db), rounds)
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1000)
    rounds = parser.parse_args().rounds
    with scratch_neo4j("vernetzt-bookmarks-") as bolt_uri:
        for scheme in ("bolt", "neo4j", "bolt", "neo4j"):
            uri = scheme + "://" + bolt_uri.partition("://")[2]
            for name, (p50, p95) in asyncio.run(measure(uri, rounds)).items():
                print(f"{scheme}: {name}: p50 {p50:.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
