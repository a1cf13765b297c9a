"""Housekeeping: what expired is deleted by a bounded background sweep, one process at a time.

Without it the database only grows: request keys (claim_request) are never deleted, and rate
windows, read budgets, notifications past R26's retention and the socket slots of a process that
died stay until something touches them. Every `sweep_seconds` each process asks for the
`housekeeping` lease in Neo4j; the one that gets it deletes each kind of expired item in
transactions of at most `sweep_batch`, renewing the lease between them, and gives it back when
done. Each batch is one transaction: a process that dies mid-sweep leaves whole batches done and
the rest for the next sweep, and its lease lapses after `sweep_lease_seconds`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import cypher
from cypher.breaker import DatabaseDown
from cypher.database import Database
from cypher.rows import NoColumns
from cypher.rows.housekeeping import LeaseTaken, Swept
from resolvers.request.clock import epoch_ms, ms
from resolvers.rules.notifications import kept_since
from settings import Settings

log = logging.getLogger("vernetzt.housekeeping")

LEASE = "housekeeping"
TAKE_LEASE = cypher.query("take_lease", LeaseTaken)
RELEASE_LEASE = cypher.query("release_lease", NoColumns)
# Each kind of expired item, by its name in the metrics, and the query that deletes a batch.
SWEEPS = {
    "request_claims": cypher.query("sweep_request_claims", Swept),
    "rate_windows": cypher.query("sweep_rate_windows", Swept),
    "read_budgets": cypher.query("sweep_read_budgets", Swept),
    "notifications": cypher.query("sweep_notifications", Swept),
    "live_sockets": cypher.query("sweep_live_sockets", Swept),
}
REQUEST_KEY_DAYS = 1  # a request key answers its first result for a day (claim_request)

SweptObserver = Callable[[str, int], None]


class Housekeeping:
    """`on_swept(kind, count)` after every batch that deleted something (the metrics)."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Callable[[], datetime],
        on_swept: SweptObserver = lambda kind, count: None,
    ) -> None:
        self.db, self.settings, self.clock = db, settings, clock
        self.on_swept = on_swept
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._every_round())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _every_round(self) -> None:
        while True:
            await asyncio.sleep(self.settings.sweep_seconds)
            try:
                await self.sweep()
            except DatabaseDown:
                pass  # the breaker says so already; the next round tries again
            except Exception:  # a failed round is retried by the next one
                log.exception("housekeeping round failed")

    async def sweep(self) -> dict[str, int]:
        """One round, if this process gets the lease: how many of each kind it deleted
        (nothing when another process holds the lease)."""
        if not await self._lease():
            return {}
        swept = {}
        try:
            for kind, query in SWEEPS.items():
                swept[kind] = await self._sweep_kind(kind, query)
        finally:
            await self.db.write(RELEASE_LEASE, name=LEASE, holder=self.holder)
        if any(swept.values()):
            log.info("housekeeping swept %s", swept)
        return swept

    async def _sweep_kind(self, kind: str, query: cypher.Query[Swept]) -> int:
        total = 0
        while True:
            row = await self.db.write_one(query, batch=self.settings.sweep_batch, **self._times())
            count = row["swept"] if row else 0
            if count:
                self.on_swept(kind, count)
            total += count
            if count < self.settings.sweep_batch:
                return total
            if not await self._lease():  # renewed; lost only if it lapsed meanwhile
                raise LeaseLost(kind)

    async def _lease(self) -> bool:
        row = await self.db.write_one(
            TAKE_LEASE,
            name=LEASE,
            holder=self.holder,
            ttlMs=int(self.settings.sweep_lease_seconds * 1000),
        )
        return bool(row and row["taken"])

    def _times(self) -> dict[str, Any]:
        now = epoch_ms(self.clock())
        return {
            "now": now,
            "before": now - ms(timedelta(days=REQUEST_KEY_DAYS)),
            "keptSince": kept_since(self.settings, now),
        }


class LeaseLost(Exception):
    """Another process took the lease while this one swept (its batches outlasted the lease):
    this one stops, the other goes on."""
