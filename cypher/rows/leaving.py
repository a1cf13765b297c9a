"""A member's way out (R28): what the export reads and what the deletion checks."""

from __future__ import annotations

from typing import Any, TypedDict


class DeletionLookup(TypedDict):
    passwordHash: str
    emailKey: str


class Deleted(TypedDict):
    deleted: int


class CompanyName(TypedDict):
    name: str


class ExportProfile(TypedDict):
    """The export's parts about the member, written out as they come (docs/account.md)."""

    profile: dict[str, Any]
    settings: dict[str, Any]
    inMailCredits: int
    companies: list[dict[str, Any]]


class ExportEntry(TypedDict):
    """An item of an exported list and the key the next page starts after."""

    key: Any
    item: dict[str, Any]


class ExportPage(TypedDict):
    page: list[ExportEntry]
