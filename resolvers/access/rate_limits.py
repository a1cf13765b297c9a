"""Rate limits, kept in Neo4j so that every API process counts against the same windows
(several processes on several machines: a password guesser gets 10 tries, not 10 a process).

The limits on signing in and up are sliding windows of `limit` events per `window` and key (an
account, an address), each event dated never before the database's clock: exactly `limit` in
any `window`, the guarantee the numbers of docs/security.md are chosen for. The write limit is
a generic cell rate (`RateCell`): `limit` writes at once, then one each `window / limit`, kept
as one number on the key's node instead of a list of up to `limit` times rewritten by every
write. Taking an event locks the key's node in the database and counts it there; a write's own
event is taken in the write's transaction (resolvers.request.writes), so a refused or failed
write costs nothing and a committed one is counted. Nothing is kept in this process.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import cypher
from cypher.rows import NoColumns
from cypher.rows.accounts import RateLimitTaken
from resolvers.errors import RateLimited
from resolvers.request.clock import epoch_ms, from_epoch_ms, ms
from settings import Settings

RATE_LIMIT_TAKE = cypher.query("rate_limit_take", RateLimitTaken)
RATE_LIMIT_GIVE_BACK = cypher.query("rate_limit_give_back", NoColumns)
RATE_CELL_TAKE = cypher.query("rate_cell_take", RateLimitTaken)

# How one query runs: Transaction.one inside a transaction, Database.write_one on its own
# (their overloads are beyond what a Protocol can name: the rows are typed where they are read).
RunOne = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` events per `window` for each key; `what` names the events to a client."""

    name: str
    limit: int
    window: timedelta
    what: str

    query = RATE_LIMIT_TAKE

    async def take(self, run: RunOne, key: str, now: datetime) -> int:
        """Count one event of `key` at `now` (or at the database's time, if that is later);
        RateLimited (nothing counted) when the window is full. Returns the event's time in
        epoch milliseconds, which `give_back` takes."""
        row: RateLimitTaken | None = await run(self.query, **self.params(key, now))
        assert row is not None  # MERGE always answers
        return self.taken(row)

    def taken(self, row: RateLimitTaken) -> int:
        """The time of the event `row` (of `query`) says was taken; RateLimited if refused."""
        if row["retryAfter"] is not None:
            retry_after = from_epoch_ms(row["retryAfter"])
            message = f"Too many {self.what}; try again later."
            raise RateLimited(message, retry_after, limit=self.name)
        assert row["takenAt"] is not None  # taken, since not refused
        return row["takenAt"]

    async def give_back(self, run: RunOne, key: str, taken_at: int) -> None:
        """Uncount the event of `key` that `take` answered `taken_at` for."""
        await run(RATE_LIMIT_GIVE_BACK, key=self._key(key), at=taken_at)

    def _key(self, key: str) -> str:
        return f"{self.name}:{key}"

    def params(self, key: str, now: datetime) -> dict[str, Any]:
        """What `query` takes to count one event of `key` at `now`."""
        return {
            "key": self._key(key),
            "now": epoch_ms(now),
            "limit": self.limit,
            "windowMs": ms(self.window),
        }


class RateCell(RateLimit):
    """`limit` events at once, then one each `window / limit` (cypher/rate_cell_take.cypher);
    nothing to give back."""

    query = RATE_CELL_TAKE

    async def give_back(self, run: RunOne, key: str, taken_at: int) -> None:
        raise NotImplementedError("a cell's events are taken in their write's transaction")


class Limits:
    """The limits of docs/security.md, with the deployment's numbers."""

    def __init__(self, settings: Settings) -> None:
        self.sign_in_failures = RateLimit(
            "sign-in-failures",
            settings.sign_in_failures_per_account,
            timedelta(minutes=15),
            "failed sign-ins for this account",
        )
        self.sign_ins = RateLimit(
            "sign-ins",
            settings.sign_ins_per_address,
            timedelta(minutes=15),
            "sign-ins from this address",
        )
        self.sign_ups = RateLimit(
            "sign-ups",
            settings.sign_ups_per_address,
            timedelta(minutes=10),
            "sign-ups from this address",
        )
        per_minute = timedelta(minutes=1)
        self.writes = RateCell("writes", settings.writes_per_member, per_minute, "changes")
