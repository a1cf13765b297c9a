"""Signed-in reads have a budget per member (docs/security.md): at most `reads_per_member` units
of query cost (schema.pipeline.guards prices each request) a minute, shared by every API process
through one number in Neo4j (cypher/read_budget_take.cypher).

So that a read does not pay for a write, each process gathers a member's costs and takes them
from the shared budget a batch (`BATCH` units) at a time, in the background; once the budget
says the member is over, this process refuses their reads with RATE_LIMITED until the time it
named. A member can overdraw by at most a batch per process, and a normal client, which reads
a few hundred units a page, never meets the limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

import cypher
from cypher.database import Database
from cypher.rows.accounts import ReadBudgetTaken
from resolvers.errors import RateLimited
from resolvers.request.clock import epoch_ms, from_epoch_ms
from settings import Settings

READ_BUDGET_TAKE = cypher.query("read_budget_take", ReadBudgetTaken)
BATCH = 2000  # units gathered before they are taken from the shared budget
TALLIES_MAX = 100_000  # members whose units this process keeps at once; beyond, it forgets
PERIOD_MS = 60_000

log = logging.getLogger("vernetzt.reads")


class ReadBudget:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.units = db, settings.reads_per_member
        self.tallies: dict[str, int] = {}  # units read and not yet taken, by member
        self.over_until: dict[str, int] = {}  # refused until (epoch ms), as the budget said
        self.takes: set[asyncio.Task[None]] = set()

    def charge(self, member: str, cost: int, now: datetime) -> None:
        """Count `cost` units of `member`'s reads; RateLimited while the member is over."""
        until = self.over_until.get(member)
        if until is not None:
            if until > epoch_ms(now):
                message = "Too many reads; try again later."
                raise RateLimited(message, from_epoch_ms(until), limit="reads")
            del self.over_until[member]
        tally = self.tallies.pop(member, 0) + max(cost, 1)
        if tally < BATCH:
            if len(self.tallies) >= TALLIES_MAX:
                self.tallies.clear()
            self.tallies[member] = tally
            return
        take = asyncio.create_task(self._take(member, tally))
        self.takes.add(take)
        take.add_done_callback(self.takes.discard)

    async def _take(self, member: str, units: int) -> None:
        try:
            row = await self.db.write_one(
                READ_BUDGET_TAKE, key=member, cost=units, units=self.units, periodMs=PERIOD_MS
            )
        except Exception:  # the database away a moment: these units go uncounted
            log.warning("read budget take failed", exc_info=True)
            return
        if row is not None and row["retryAfter"] is not None:
            self.over_until[member] = int(row["retryAfter"])

    async def close(self) -> None:
        for take in list(self.takes):
            take.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await take
