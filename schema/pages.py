"""Relay page info, shared by every list of the contract."""

from __future__ import annotations

import strawberry

from resolvers.pages import Page, encode_cursor


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
