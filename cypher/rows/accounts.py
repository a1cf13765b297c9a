"""Accounts, sessions, limits and retried requests as the queries answer them."""

from __future__ import annotations

from typing import TypedDict


class SignedUp(TypedDict):
    id: str
    tokenVersion: int


class TakenFields(TypedDict):
    handleTaken: bool
    emailTaken: bool


class SignInLookup(TypedDict):
    id: str
    passwordHash: str
    tokenVersion: int


class TokenVersion(TypedDict):
    tokenVersion: int


class ClaimedRequest(TypedDict):
    """The result of the request that claimed this requestId first (null: this one did)."""

    resultId: str | None


class RateLimitTaken(TypedDict):
    """When the event was taken (epoch ms), or when it may be tried again."""

    takenAt: int | None
    retryAfter: int | None


class ReadBudgetTaken(TypedDict):
    retryAfter: int | None
