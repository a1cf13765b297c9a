"""The signed bookmark header (read-your-writes on a cluster): only what this service signed
comes back in; the HTTP tests (tests/http/test_routing.py) run it against real processes."""

from __future__ import annotations

import pytest

from resolvers.request.bookmarks import InvalidBookmark, read_bookmarks, sign_bookmarks

SECRET = "a secret long enough for the tests here"
BOOKMARKS = ["FB:kcwQEK+bwkL4Q3G5OkkLENn9VQeQ", "FB:kcwQAAAAAAAAAAAAAAAAAAAAAAB/kA"]


def test_a_signed_header_reads_back_its_bookmarks() -> None:
    header = sign_bookmarks(SECRET, BOOKMARKS)
    assert read_bookmarks(SECRET, header) == sorted(BOOKMARKS)
    assert header.isascii()
    assert "," not in header  # one header value, not a list a proxy might split


def test_no_header_means_no_bookmarks() -> None:
    assert read_bookmarks(SECRET, None) == []
    assert read_bookmarks(SECRET, "") == []


def test_a_changed_payload_or_another_secret_is_refused() -> None:
    payload, _, signature = sign_bookmarks(SECRET, BOOKMARKS).partition(".")
    other = sign_bookmarks(SECRET, BOOKMARKS[:1]).partition(".")[0]
    with pytest.raises(InvalidBookmark):
        read_bookmarks(SECRET, f"{other}.{signature}")
    with pytest.raises(InvalidBookmark):
        read_bookmarks("another secret, just as long as ours", f"{payload}.{signature}")
    with pytest.raises(InvalidBookmark) as refused:
        read_bookmarks(SECRET, payload)
    assert refused.value.extensions == {"code": "BAD_USER_INPUT"}
