"""What reading notifications costs a member with 100,000 of them, 10 unread (R26: `unreadCount`
costs what the unread ones cost, not the whole list): the profiled database hits and rows of
the unread count, the first page of the list, the first page of the unread ones, and marking
all read, on a throw-away local Neo4j.

    .venv/bin/python -m bench.studies.notifications_plan [--notifications 100000] [--unread 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any, LiteralString

from bench.scratch import scratch_neo4j
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from resolvers.notifications import (
    MARK_NOTIFICATIONS_READ,
    UNREAD_NOTIFICATION_COUNT,
    VIEWER_NOTIFICATIONS,
    VIEWER_UNREAD_NOTIFICATIONS,
)

# Follows from distinct members, each notification pointing to its follow (visible).
SEED = """
MERGE (r:Member {id: 'reader', whoCanFollow: 'EVERYONE'})
WITH r
UNWIND range(1, $n) AS i
CREATE (a:Member {id: 'fan-' + i})-[:FOLLOWS {key: 'fan-' + i + '>reader',
                                             since: datetime({epochMillis: $now})}]->(r)
CREATE (n:Notification {id: 'n-' + i, kind: 'NEW_FOLLOWER', recipient: 'reader',
                        actor: 'fan-' + i, pair: 'fan-' + i + ':reader', seq: i,
                        createdAt: $now, followSince: $now})
WITH n, i WHERE i > $n - $unread
SET n:UnreadNotification
"""


def total_db_hits(plan: Any) -> int:
    children = plan.get("children", [])
    return int(plan.get("dbHits", 0)) + sum(total_db_hits(child) for child in children)


async def profile(db: Database, query: LiteralString, **params: Any) -> tuple[int, float]:
    """(db hits of a profiled run, median milliseconds of 20 plain runs after a warm-up)."""
    times = []
    for _ in range(21):
        started = time.perf_counter()
        await db.read(query, **params)
        times.append((time.perf_counter() - started) * 1000)
    async with db.driver.session(database=db.name) as session:
        summary = await (await session.run("PROFILE " + query, params)).consume()
    assert summary.profile is not None
    return total_db_hits(summary.profile), statistics.median(times[1:])


async def measure(uri: str, notifications: int, unread: int) -> None:
    driver = open_driver(uri, "", "")
    try:
        db = Database(driver, "neo4j")
        await apply_migrations(db)
        now = int(time.time() * 1000)
        for start in range(0, notifications, 10_000):  # in slices: one transaction stays small
            size = min(10_000, notifications - start)
            await db.write(
                SEED.replace("range(1, $n)", f"range({start + 1}, {start + size})"),
                n=notifications,
                unread=unread,
                now=now,
            )
        visible = {"viewer": "reader", "keptSince": now - 1}
        page = {"limit": 21, "after": None, **visible}
        cases: list[tuple[str, LiteralString, dict[str, Any]]] = [
            ("unreadCount", UNREAD_NOTIFICATION_COUNT.text, visible),
            ("first page of 20 (all)", VIEWER_NOTIFICATIONS.text, page),
            ("first page of 20 (unread only)", VIEWER_UNREAD_NOTIFICATIONS.text, page),
        ]
        print(f"a member with {notifications:,} notifications, {unread} unread:")
        for name, query, params in cases:
            hits, elapsed = await profile(db, query, **params)
            print(f"  {name}: {hits:,} db hits, {elapsed:.1f} ms (median of 20)")
        async with driver.session(database="neo4j") as session:
            result = await session.run(
                "PROFILE " + MARK_NOTIFICATIONS_READ.text, {"viewer": "reader", "upTo": None}
            )
            summary = await result.consume()
        assert summary.profile is not None
        print(f"  markNotificationsRead (all): {total_db_hits(summary.profile):,} db hits")
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=100_000)
    parser.add_argument("--unread", type=int, default=10)
    arguments = parser.parse_args()
    with scratch_neo4j("vernetzt-notifications-") as uri:
        asyncio.run(measure(uri, arguments.notifications, arguments.unread))


if __name__ == "__main__":
    main()
