"""Companies as the queries answer them (R20)."""

from __future__ import annotations

from typing import TypedDict


class CompanyCard(TypedDict):
    id: str
    handle: str
    name: str
    description: str | None
    followerCount: int


class CompanyCards(TypedDict):
    rows: list[CompanyCard]


class CompanyRelation(TypedDict):
    id: str
    isFollowing: bool
    isAdmin: bool


class CompanyAccessRow(TypedDict):
    isAdmin: bool


class CompanyAdmins(TypedDict):
    """The admins' ids; null when the viewer is not an admin."""

    ids: list[str] | None


class Exists(TypedDict):
    exists: bool
