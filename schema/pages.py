"""Relay page info, shared by every list of the contract."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry

from cypher.database import Row
from resolvers.pages import Page, encode_cursor

T = TypeVar("T")


async def loaded(
    page: Page, load: Callable[[Row], Awaitable[T | None]]
) -> list[tuple[str, Row, T]]:
    """(cursor, item, node) for the page's items whose node loads, all loads in one batch (the
    DataLoader behind `load`). An item whose node no longer loads (removed or hidden between the
    page query and the batch) is left out."""
    nodes = await asyncio.gather(*(load(item) for item in page.items))
    return [
        (encode_cursor(item["cursor"]), item, node)
        for item, node in zip(page.items, nodes, strict=True)
        if node is not None
    ]


def by_id(
    load: Callable[[Any, str], Awaitable[T | None]], info: Any
) -> Callable[[Row], Awaitable[T | None]]:
    """`load(info, item["id"])` as a one-argument loader for `loaded`."""
    return lambda item: load(info, item["id"])


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def of(cls, page: Page) -> PageInfo:
        cursors = [encode_cursor(item["cursor"]) for item in page.items]
        return cls(
            has_next_page=page.has_next,
            has_previous_page=False,  # forward pagination only (contract)
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )
