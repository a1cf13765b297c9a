"""Search text becomes a safe Lucene query; cursors and page sizes are checked."""

from __future__ import annotations

import pytest

from resolvers.errors import BadUserInput
from resolvers.request.pages import decode_cursor, encode_cursor, page_size
from resolvers.rules.formats import lucene_query


def test_words_become_required_prefixes() -> None:
    assert lucene_query("Graph  Engineer") == "graph* AND engineer*"
    assert lucene_query("Krüger") == "krüger*"


def test_lucene_syntax_cannot_be_injected() -> None:
    assert lucene_query('name:"x" OR *:* ~2 \\') == "name* AND x* AND or* AND 2*"
    assert lucene_query("  !?*  ") is None


def test_overlong_search_is_bad_input() -> None:
    with pytest.raises(BadUserInput):
        lucene_query("x" * 201)


def test_cursors_round_trip_and_refuse_garbage() -> None:
    assert decode_cursor(encode_cursor([-1.25, "id-1"])) == [-1.25, "id-1"]
    assert decode_cursor(None) is None
    for garbage in ("!!", encode_cursor([]), "e30", "bnVsbA"):
        with pytest.raises(BadUserInput):
            decode_cursor(garbage)


def test_page_size_bounds() -> None:
    assert page_size(None) == 20
    assert page_size(None, default=10) == 10
    assert page_size(0) == 0
    assert page_size(100) == 100
    for bad in (-1, 101):
        with pytest.raises(BadUserInput):
            page_size(bad)
