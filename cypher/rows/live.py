"""Live updates as the queries answer them (R27): what was committed since a position, and the
socket slots."""

from __future__ import annotations

from typing import TypedDict


class LiveItems(TypedDict):
    """What was committed to one stream (a member's notifications, a conversation's messages)
    since its position: the highest number seen, and the ids and numbers to deliver."""

    stream: str
    upTo: int
    ids: list[str]
    numbers: list[int]


class LivePositions(TypedDict):
    notifications: int
    messages: int


class SocketOpened(TypedDict):
    opened: bool


class SocketRenewal(TypedDict):
    id: str
    valid: bool
