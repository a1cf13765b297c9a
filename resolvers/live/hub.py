"""Live delivery (R27) across processes, through the database and nothing else.

Each process has one Hub. While any of its subscriptions is open, one poller asks Neo4j every
`live_poll_ms` for what was committed since its position: a member's notifications and a
conversation's messages carry numbers taken under their member's or conversation's lock, so
their numbers are their commit order, and "after the last number seen" misses nothing, whichever
process wrote them and however late a transaction that began early commits. A subscription
starts at the number current when it opens (items committed before are not replayed) and gets
each later item once, in order. With no subscription open the poller stops: an idle process
sends no queries.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime

import cypher
from cypher import Query
from cypher.database import Database
from cypher.rows.live import LiveItems, LivePositions
from resolvers.request.clock import epoch_ms
from resolvers.rules.notifications import kept_since
from settings import Settings

LIVE_NOTIFICATIONS = cypher.query("live_notifications", LiveItems)
LIVE_MESSAGES = cypher.query("live_messages", LiveItems)
LIVE_POSITIONS = cypher.query("live_positions", LivePositions)

log = logging.getLogger("vernetzt.live")


@dataclass
class Subscription:
    """One subscription's queue of item ids, and the number after which it receives them."""

    start: int
    items: asyncio.Queue[str] = field(default_factory=asyncio.Queue)


@dataclass
class Stream:
    """The subscriptions of one member (notifications) or one conversation (messages) in this
    process, and the number up to which the poller has read."""

    position: int
    subscriptions: list[Subscription] = field(default_factory=list)

    def deliver(self, up_to: int, ids: list[str], numbers: list[int]) -> None:
        for subscription in self.subscriptions:
            for key, number in zip(ids, numbers, strict=True):
                if number > subscription.start:
                    subscription.items.put_nowait(key)
        self.position = max(self.position, up_to)


class Hub:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Callable[[], datetime],
        on_poll: Callable[[float], None] | None = None,
    ) -> None:
        """`on_poll(seconds)` after each round (the metrics: the delay a round adds)."""
        self.db, self.settings, self.clock = db, settings, clock
        self._on_poll = on_poll
        self.members: dict[str, Stream] = {}
        self.conversations: dict[str, Stream] = {}
        self.polls = 0  # queries sent, for the idle-cost measurement
        self._poller: asyncio.Task[None] | None = None

    async def notifications(self, member_id: str) -> AsyncIterator[str]:
        """The ids of the member's notifications committed from now on, as they commit."""
        row = await self.db.read_one(LIVE_POSITIONS, member=member_id, conversation=None)
        start = int(row["notifications"] if row else 0)
        async for key in self._follow(self.members, member_id, start):
            yield key

    async def messages(self, conversation_id: str) -> AsyncIterator[str]:
        """The ids of the conversation's messages committed from now on, as they commit."""
        row = await self.db.read_one(LIVE_POSITIONS, member=None, conversation=conversation_id)
        start = int(row["messages"] if row else 0)
        async for key in self._follow(self.conversations, conversation_id, start):
            yield key

    async def _follow(self, streams: dict[str, Stream], key: str, start: int) -> AsyncIterator[str]:
        subscription = Subscription(start)
        # A stream's position only moves forward, so an item is never handed out twice; a
        # subscription that joins a running stream skips what came before its start.
        stream = streams.setdefault(key, Stream(position=start))
        stream.subscriptions.append(subscription)
        self._ensure_poller()
        try:
            while True:
                yield await subscription.items.get()
        finally:
            stream.subscriptions.remove(subscription)
            if not stream.subscriptions:
                del streams[key]

    def _ensure_poller(self) -> None:
        if self._poller is None or self._poller.done():
            self._poller = asyncio.create_task(self._poll_while_subscribed())

    async def _poll_while_subscribed(self) -> None:
        interval = self.settings.live_poll_ms / 1000
        while self.members or self.conversations:
            await asyncio.sleep(interval)
            started = time.perf_counter()
            try:
                await self.poll()
                if self._on_poll is not None:
                    self._on_poll(time.perf_counter() - started)
            except Exception:  # the database may be away a moment; the next poll catches up
                log.warning("live poll failed", exc_info=True)

    async def poll(self) -> None:
        """One round: what was committed since each stream's position, to its subscriptions."""
        if self.members:
            await self._poll(self.members, LIVE_NOTIFICATIONS, "members")
        if self.conversations:
            await self._poll(self.conversations, LIVE_MESSAGES, "conversations")

    async def _poll(self, streams: dict[str, Stream], query: Query[LiveItems], param: str) -> None:
        positions = [{"id": k, "after": stream.position} for k, stream in streams.items()]
        self.polls += 1
        extra = {"keptSince": kept_since(self.settings, epoch_ms(self.clock()))}
        for row in await self.db.read(query, **{param: positions}, **extra):
            if stream := streams.get(row["stream"]):
                stream.deliver(row["upTo"], row["ids"], row["numbers"])

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
