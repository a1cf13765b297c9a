"""Items of every kind the housekeeping sweep deletes (resolvers/housekeeping.py), expired and
fresh, written straight into Neo4j with the times that make them so."""

from __future__ import annotations

import time
from typing import LiteralString

from cypher.database import Database

KINDS = ("request_claims", "rate_windows", "read_budgets", "notifications", "live_sockets")
DAY_MS = 24 * 3600 * 1000

SEED: LiteralString = """
UNWIND range(1, $count) AS i
WITH i, $now AS now, CASE WHEN $expired THEN 'expired' ELSE 'fresh' END AS state
CREATE (:Request {key: state + '-request-' + i,
                  at: datetime({epochMillis: CASE WHEN $expired THEN now - 2 * $day ELSE now END}),
                  resultId: 'r' + i})
CREATE (:RateWindow {key: state + '-window-' + i, events: [now],
                     until: CASE WHEN $expired THEN now - 120000 ELSE now + 60000 END})
CREATE (:ReadBudget {key: state + '-budget-' + i,
                     tat: CASE WHEN $expired THEN now - 120000 ELSE now + 60000 END})
CREATE (:Notification {id: state + '-notification-' + i, recipient: 'nobody', seq: i,
                       createdAt: CASE WHEN $expired THEN now - 91 * $day ELSE now - $day END})
CREATE (:LiveSocket {id: state + '-socket-' + i, member: 'nobody',
                     until: CASE WHEN $expired THEN now - 1000 ELSE now + 600000 END})
"""

COUNT: LiteralString = """
CALL () { MATCH (r:Request) WHERE r.key STARTS WITH $prefix RETURN count(r) AS request_claims }
CALL () { MATCH (w:RateWindow) WHERE w.key STARTS WITH $prefix RETURN count(w) AS rate_windows }
CALL () { MATCH (b:ReadBudget) WHERE b.key STARTS WITH $prefix RETURN count(b) AS read_budgets }
CALL () {
  MATCH (n:Notification) WHERE n.id STARTS WITH $prefix RETURN count(n) AS notifications
}
CALL () { MATCH (s:LiveSocket) WHERE s.id STARTS WITH $prefix RETURN count(s) AS live_sockets }
RETURN request_claims, rate_windows, read_budgets, notifications, live_sockets
"""


async def seed(db: Database, expired: int, fresh: int) -> None:
    """`expired` items of each kind past their time, `fresh` ones still within it."""
    now = int(time.time() * 1000)
    for count, is_expired in ((expired, True), (fresh, False)):
        if count:
            await db.write(SEED, count=count, now=now, expired=is_expired, day=DAY_MS)


async def counts(db: Database, only_fresh: bool = False) -> dict[str, int]:
    """How many items of each kind the database holds (of the fresh ones seeded)."""
    row = await db.read_one(COUNT, prefix="fresh" if only_fresh else "")
    assert row is not None
    return {kind: row[kind] for kind in KINDS}
