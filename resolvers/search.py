"""R22: search members by name or headline; each result carries degree and actions."""

from __future__ import annotations

import re

import cypher
from resolvers.context import Context
from resolvers.errors import BadUserInput
from resolvers.pages import Page, fetch_page, page_size

SEARCH_MEMBERS = cypher.query("search_members")
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


def lucene_query(text: str) -> str | None:
    """Every word as a prefix, all required; None when the text has no word. Only word
    characters reach Lucene, so its syntax (quotes, colons, wildcards) cannot be injected."""
    if len(text) > MAX_QUERY_LENGTH:
        raise BadUserInput(f"a search has at most {MAX_QUERY_LENGTH} characters")
    words = re.findall(r"\w+", text.lower())[:MAX_WORDS]
    return " AND ".join(f"{word}*" for word in words) if words else None


async def search_members(context: Context, text: str, first: int | None, after: str | None) -> Page:
    page_size(first)
    lucene = lucene_query(text)
    if lucene is None:
        return Page(items=[], has_next=False, total=0)
    page = await fetch_page(
        context.db, SEARCH_MEMBERS, first, after, viewer=context.viewer_id, lucene=lucene
    )
    assert page is not None  # search results are never hidden as a whole
    return page
