"""Failing fast while Neo4j is down: one circuit breaker per process, shared by its queries.

Without it every request of an outage waited for the driver: its connection attempt, then a
write's retries, a second and more apart (7.1 s for the slowest answer, measured; eight writers
got 15 answers in a 17 s outage). With it, a lost connection is checked at once by a probe; if
the database does not answer, the breaker opens and every query of the process is refused
without asking the driver (`DatabaseDown`: SERVICE_UNAVAILABLE, HTTP 503) until a background
probe, one at a time every half second, finds the database again and closes it. A lost
connection whose probe succeeds was a stale one (Neo4j restarted since it was opened): the
query runs once more, as the driver's own retry would have run it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from neo4j.exceptions import IncompleteCommit, ServiceUnavailable, SessionExpired

log = logging.getLogger("vernetzt.database")

T = TypeVar("T")
# The connection went away under a query: the database may be down.
CONNECTION_LOST = (ServiceUnavailable, SessionExpired)
PROBE_SECONDS = 1.0  # a database that takes longer to accept a connection counts as down
PROBE_INTERVAL_SECONDS = 0.5  # while open: how often one probe asks whether it is back

BreakerObserver = Callable[[bool], None]
_observers: list[BreakerObserver] = []


def on_breaker(observer: BreakerObserver) -> None:
    """`observer(is_open)` whenever a breaker of this process opens or closes (the metrics)."""
    if observer not in _observers:
        _observers.append(observer)


class DatabaseDown(ServiceUnavailable):
    """Refused by the open breaker, the driver not asked. A ServiceUnavailable, so that every
    place that answers an unreachable database (503, the live pollers' next round) answers it."""


class Breaker:
    """`probe()` raises unless the database answers (the driver's verify_connectivity)."""

    def __init__(
        self,
        probe: Callable[[], Awaitable[object]],
        probe_seconds: float = PROBE_SECONDS,
        interval_seconds: float = PROBE_INTERVAL_SECONDS,
    ) -> None:
        self._probe = probe
        self._probe_seconds = probe_seconds
        self._interval = interval_seconds
        self.is_open = False
        self._probing: asyncio.Task[bool] | None = None
        self._recovering: asyncio.Task[None] | None = None
        self._stopped = asyncio.Event()

    def check(self) -> None:
        if self.is_open:
            raise DatabaseDown("Neo4j is unreachable (the circuit is open; a probe is waiting)")

    async def run(self, call: Callable[[], Awaitable[T]]) -> T:
        """`call()`, unless the breaker is open; once more after a lost connection if the
        database still answers. A commit whose answer was lost is never run again."""
        self.check()
        try:
            return await call()
        except IncompleteCommit:
            await self._answers()  # opens the breaker if the database is gone
            raise
        except CONNECTION_LOST as error:
            if not await self._answers():
                raise DatabaseDown(f"Neo4j is unreachable: {error}") from error
        self.check()
        return await call()

    async def _answers(self) -> bool:
        """Whether the database answers a probe; opens the breaker when it does not. Callers
        that lose their connections together share one probe."""
        if self.is_open:
            return False
        if self._probing is None or self._probing.done():
            self._probing = asyncio.create_task(self._probe_once())
        # Shielded: one caller given up (its request cancelled) ends no one else's probe.
        answers = await asyncio.shield(self._probing)
        if not answers:
            self._open()
        return answers

    async def _probe_once(self) -> bool:
        try:
            async with asyncio.timeout(self._probe_seconds):
                await self._probe()
        except Exception as error:  # any failure to answer is the database being away
            log.debug("probe: Neo4j does not answer: %s", error)
            return False
        return True

    def _open(self) -> None:
        if self.is_open:
            return
        log.warning("Neo4j does not answer: refusing queries until a probe finds it again")
        self._set(True)
        self._recovering = asyncio.create_task(self._recover())

    async def _recover(self) -> None:
        while not await self._probe_once():
            with contextlib.suppress(TimeoutError):  # the interval passed: probe again
                await asyncio.wait_for(self._stopped.wait(), self._interval)
            if self._stopped.is_set():
                return
        log.warning("Neo4j answers again: queries run again")
        self._set(False)

    def _set(self, is_open: bool) -> None:
        self.is_open = is_open
        for observer in _observers:
            observer(is_open)

    async def stop(self) -> None:
        """End the background probe (the process is stopping): the probe under way finishes
        (a second at most; one cancelled midway can leave the driver's socket unclosed), the
        next is not made, and the breaker no longer counts as open."""
        self._stopped.set()
        for task in (self._recovering, self._probing):
            if task is not None:
                await asyncio.gather(task, return_exceptions=True)
        if self.is_open:
            self._set(False)
