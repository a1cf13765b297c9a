"""Conversations and messages as the queries answer them (R12, R16)."""

from __future__ import annotations

from typing import TypedDict

from cypher.rows import Cursor, When


class ConversationCard(TypedDict):
    id: str
    kind: str
    withId: str
    lastMessageAt: When
    canReply: bool


class Message(TypedDict):
    id: str
    senderId: str
    subject: str | None
    body: str
    sentAt: When


class MessageCard(Message):
    conversationId: str


class ListedMessage(Message):
    cursor: Cursor


class MessageStateRow(TypedDict):
    """The viewer and the recipient, as R12 and R16 ask about them."""

    isSelf: bool
    blocked: bool
    connected: bool
    hasInMail: bool
    acceptsInMail: bool
    openProfile: bool
    credits: int
