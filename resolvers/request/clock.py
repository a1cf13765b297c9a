"""Time as Neo4j keeps it: epoch milliseconds (an int packs and unpacks far faster than a
temporal value)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def ms(span: timedelta) -> int:
    """A duration in milliseconds, to subtract from an epoch_ms."""
    return int(span.total_seconds() * 1000)


def from_epoch_ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, UTC)


def to_datetime(value: Any) -> datetime:
    """A time as a query answers it: epoch milliseconds (the hot queries: the driver builds each
    DateTime in pure Python, about 0.2 ms a value, several milliseconds for a feed page) or a
    Neo4j temporal value."""
    if isinstance(value, int):
        return from_epoch_ms(value)
    return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]


def optional_datetime(value: Any) -> datetime | None:
    return None if value is None else to_datetime(value)
