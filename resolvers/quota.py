"""R6's weekly invitation quota, from the times (epoch ms) of the viewer's recent invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from settings import Settings

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    resets_at: datetime | None  # when the next slot frees up, while none remain


def invitation_quota(settings: Settings, sent_at_ms: list[int], now: datetime) -> Quota:
    window_start = now - WEEK
    recent = sorted(t for t in sent_at_ms if datetime.fromtimestamp(t / 1000, UTC) > window_start)
    remaining = max(settings.weekly_invitation_limit - len(recent), 0)
    if remaining > 0:
        return Quota(settings.weekly_invitation_limit, remaining, None)
    # The slot that frees first is the oldest of the invitations that fill the quota now.
    oldest = recent[len(recent) - settings.weekly_invitation_limit]
    return Quota(
        settings.weekly_invitation_limit, 0, datetime.fromtimestamp(oldest / 1000, UTC) + WEEK
    )
