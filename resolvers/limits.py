"""Rate limits: sliding windows kept in this process (one API process per deployment; several
would each keep their own, see docs/security.md)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from resolvers.errors import RateLimited
from settings import Settings


@dataclass
class SlidingWindow:
    """At most `limit` events per `window` for each key."""

    limit: int
    window: timedelta
    events: dict[str, deque[datetime]] = field(default_factory=dict)

    def retry_after(self, key: str, now: datetime) -> datetime | None:
        """When the next event is allowed, if not now."""
        times = self._recent(key, now)
        return times[0] + self.window if len(times) >= self.limit else None

    def hit(self, key: str, now: datetime, count: int = 1) -> None:
        self._recent(key, now).extend([now] * count)

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self.events.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:  # forget idle keys, so memory follows the active ones only
            del self.events[key]
            times = self.events.setdefault(key, deque())
        return times

    def check(self, key: str, now: datetime, what: str) -> None:
        """RateLimited when the key has used up its window."""
        if (when := self.retry_after(key, now)) is not None:
            raise RateLimited(f"Too many {what}; try again later.", when)


class Limits:
    def __init__(self, settings: Settings) -> None:
        self.sign_in_failures = SlidingWindow(
            settings.sign_in_failures_per_account, timedelta(minutes=15)
        )
        self.sign_ins = SlidingWindow(settings.sign_ins_per_address, timedelta(minutes=15))
        self.sign_ups = SlidingWindow(settings.sign_ups_per_address, timedelta(minutes=10))
        self.writes = SlidingWindow(settings.writes_per_member, timedelta(minutes=1))
