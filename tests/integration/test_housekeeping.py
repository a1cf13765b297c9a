"""Housekeeping (resolvers/housekeeping.py): what expired is deleted in bounded batches, what is
fresh stays, and under the lease one sweeper at a time removes each item once. Two sweepers
here stand for two processes: the lease is in Neo4j, whichever process asks. Real processes,
one killed mid-sweep, are tests/http/test_housekeeping.py's."""

from __future__ import annotations

import asyncio
import dataclasses
from collections import Counter
from datetime import UTC, datetime

from cypher.database import Database
from resolvers.housekeeping import LEASE, TAKE_LEASE, Housekeeping
from tests.support.app import TEST_SETTINGS
from tests.support.expired import KINDS, counts, seed

SETTINGS = dataclasses.replace(TEST_SETTINGS, sweep_batch=7, sweep_lease_seconds=30)


def sweeper(db: Database, swept: Counter[str]) -> Housekeeping:
    def on_swept(kind: str, count: int) -> None:
        swept[kind] += count

    return Housekeeping(db, SETTINGS, lambda: datetime.now(UTC), on_swept=on_swept)


async def test_two_sweepers_at_once_remove_each_expired_item_once_and_keep_fresh_ones(
    db: Database,
) -> None:
    await seed(db, expired=40, fresh=5)  # 40 of each kind: six batches of 7 each
    swept: Counter[str] = Counter()
    rounds = await asyncio.gather(sweeper(db, swept).sweep(), sweeper(db, swept).sweep())
    # One got the lease and swept everything; the other found it taken and swept nothing.
    assert sorted(len(answer) for answer in rounds) == [0, len(KINDS)]
    assert swept == dict.fromkeys(KINDS, 40)
    assert await counts(db) == dict.fromkeys(KINDS, 5)


async def test_a_lease_held_by_a_live_sweeper_is_refused_and_a_lapsed_one_taken_over(
    db: Database,
) -> None:
    await seed(db, expired=3, fresh=0)
    other = {"name": LEASE, "holder": "another-process", "ttlMs": 60_000}
    assert (await db.write_one(TAKE_LEASE, **other)) == {"taken": True}
    swept: Counter[str] = Counter()
    assert await sweeper(db, swept).sweep() == {}  # the other process holds it
    assert await counts(db) == dict.fromkeys(KINDS, 3)
    # The other process died holding it: the lease lapses, and the next round sweeps.
    await db.write("MATCH (l:Lease {name: $name}) SET l.until = timestamp() - 1", name=LEASE)
    assert await sweeper(db, swept).sweep() == dict.fromkeys(KINDS, 3)
    assert await counts(db) == dict.fromkeys(KINDS, 0)


async def test_a_sweep_gives_its_lease_back_when_done(db: Database) -> None:
    swept: Counter[str] = Counter()
    assert await sweeper(db, swept).sweep() == dict.fromkeys(KINDS, 0)
    assert await sweeper(db, swept).sweep() == dict.fromkeys(KINDS, 0)  # not left held
