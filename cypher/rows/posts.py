"""Posts as the queries answer them (R17, R19, R20)."""

from __future__ import annotations

from typing import TypedDict

from cypher.rows import Cursor, When


class PostCard(TypedDict):
    id: str
    text: str
    audience: str
    createdAt: When
    authorId: str
    authorKind: str
    isShare: bool
    sharedId: str | None


class PostCards(TypedDict):
    rows: list[PostCard]


class FeedItem(PostCard):
    cursor: Cursor


class PostAccessRow(TypedDict):
    """What the viewer may do with a post, and why."""

    visible: bool
    audience: str
    canDelete: bool
    memberAuthorId: str | None
    connectedToAuthor: bool
