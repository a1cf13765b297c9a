"""Housekeeping as the queries answer it: a lease taken or not, how many items a sweep deleted."""

from __future__ import annotations

from typing import TypedDict


class LeaseTaken(TypedDict):
    taken: bool


class Swept(TypedDict):
    swept: int
