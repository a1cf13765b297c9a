"""Notifications as the queries answer them (R26)."""

from __future__ import annotations

from typing import TypedDict

from cypher.rows import When


class NotificationCard(TypedDict):
    id: str
    kind: str
    actorId: str
    invitationId: str | None
    conversationId: str | None
    messageId: str | None
    postId: str | None
    createdAt: When
    read: bool
    seq: int


class Numbered(TypedDict):
    """The number a new notification took under its recipient's lock."""

    seq: int


class UnreadCount(TypedDict):
    unreadCount: int
