"""What the shared rate limits cost a request (docs/security.md): a write with and without its
member's limit taken in its transaction (and, for scale, after a bare MERGE and SET on a window
node), one take on its own (a sign-up), and a sign-in's two takes with the give-back of a right
password, each timed on a throw-away local Neo4j.

    .venv/bin/python -m bench.studies.limits_cost [--rounds 500]

Keys rotate over 200 members, as many members writing at once would; each case is warmed up
with a first pass and timed in a second.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
from datetime import UTC, datetime

from bench.scratch import Case, scratch_neo4j, timed
from cypher.database import Database, Transaction, open_driver
from cypher.migrate import apply_migrations
from resolvers.access.rate_limits import Limits
from settings import Settings

WRITE = "MATCH (m:Member {id: $id}) SET m.headline = $headline"
# What a take would cost if it were only its round trip and a write to its node.
BARE_MERGE = "MERGE (w:RateWindow {key: $key}) SET w.n = coalesce(w.n, 0) + 1"
KEYS = 200


async def measure(db: Database, rounds: int) -> dict[str, tuple[float, float]]:
    await db.write("UNWIND range(0, $n) AS i CREATE (:Member {id: 'm' + i})", n=KEYS)
    limits = Limits(Settings(writes_per_member=10**6, sign_ins_per_address=10**6))
    keys = (f"m{i % KEYS}" for i in itertools.count())

    async def write(tx: Transaction) -> None:
        await tx.all(WRITE, id=next(keys), headline="x")

    async def counted_write(tx: Transaction) -> None:
        member = next(keys)
        await limits.writes.take(tx.one, member, datetime.now(UTC))
        await tx.all(WRITE, id=member, headline="x")

    async def write_after_a_bare_merge(tx: Transaction) -> None:
        member = next(keys)
        await tx.all(BARE_MERGE, key=f"bare:{member}")
        await tx.all(WRITE, id=member, headline="x")

    async def sign_in() -> None:
        now, account = datetime.now(UTC), next(keys)
        address = f"10.0.0.{account[1:]}"  # as many addresses as accounts

        async def count_attempt(tx: Transaction) -> int:
            await limits.sign_ins.take(tx.one, address, now)
            return await limits.sign_in_failures.take(tx.one, account, now)

        failure = await db.transaction(count_attempt)
        await limits.sign_in_failures.give_back(db.write_one, account, failure)

    cases: dict[str, Case] = {
        "a write without its limit": lambda: db.transaction(write),
        "the same write, its member's limit taken in its transaction": (
            lambda: db.transaction(counted_write)
        ),
        "the same write after a bare MERGE and SET on a window node": (
            lambda: db.transaction(write_after_a_bare_merge)
        ),
        "one take on its own (a sign-up)": (
            lambda: limits.sign_ups.take(db.write_one, next(keys), datetime.now(UTC))
        ),
        "a sign-in's limits (two takes, then a give-back)": sign_in,
    }
    return await timed(cases, rounds)


async def run_on(uri: str, rounds: int) -> None:
    driver = open_driver(uri, "", "")
    try:
        db = Database(driver, "neo4j", 5)
        await apply_migrations(db)
        for name, (p50, p95) in (await measure(db, rounds)).items():
            print(f"{name}: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    rounds = parser.parse_args().rounds
    with scratch_neo4j("vernetzt-limits-") as uri:
        asyncio.run(run_on(uri, rounds))


if __name__ == "__main__":
    main()
