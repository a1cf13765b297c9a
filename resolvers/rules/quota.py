"""R6's weekly invitation quota, from the times (epoch ms) of the viewer's recent invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from resolvers.request.clock import from_epoch_ms
from settings import Settings

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    resets_at: datetime | None  # when the next slot frees up, while none remain


def invitation_quota(settings: Settings, sent_at_ms: list[int], now: datetime) -> Quota:
    window_start = now - WEEK
    recent = sorted(t for t in sent_at_ms if from_epoch_ms(t) > window_start)
    limit = settings.weekly_invitation_limit
    remaining = max(limit - len(recent), 0)
    if remaining > 0:
        return Quota(limit, remaining, None)
    # The slot that frees first is the oldest of the invitations that fill the quota now.
    oldest = recent[len(recent) - limit]
    return Quota(limit, 0, from_epoch_ms(oldest) + WEEK)
