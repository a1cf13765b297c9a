"""R26's retention: which notifications are still kept. Who may see one is decided in Cypher
(cypher/notification_visible.cypher), like every other list."""

from __future__ import annotations

from datetime import timedelta

from resolvers.request.clock import ms
from settings import Settings


def kept_since(settings: Settings, now_ms: int) -> int:
    """The oldest creation time (epoch ms) still kept: 90 days by default, a deployment
    setting. Older ones are never shown, and are deleted as new ones are made."""
    return now_ms - ms(timedelta(days=settings.notification_retention_days))
