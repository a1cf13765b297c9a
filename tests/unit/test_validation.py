"""R24's length and format rules, as pure functions (resolvers/rules/limits.py)."""

from __future__ import annotations

import pytest

from resolvers.rules import limits


@pytest.mark.parametrize("handle", ["abc", "a-9", "x" * 30, "ada-lovelace"])
def test_valid_handles(handle: str) -> None:
    assert limits.check_handle(handle) == []


@pytest.mark.parametrize("handle", ["ab", "x" * 31, "Ada", "ada_l", "ada.l", "", "adé"])
def test_invalid_handles(handle: str) -> None:
    assert [e.field for e in limits.check_handle(handle)] == [("input", "handle")]


def test_email_key_ignores_case_and_surrounding_space() -> None:
    assert limits.email_key(" Ada@Example.ORG ") == "ada@example.org"


def test_an_empty_headline_is_no_headline() -> None:
    assert limits.clean_headline("  ") is None
    assert limits.clean_headline(" Analyst ") == "Analyst"
    assert limits.clean_headline(None) is None


def test_password_bounds() -> None:
    assert limits.check_password("x" * 12) == []
    assert limits.check_password("x" * 1024) == []
    assert limits.check_password("x" * 11) != []
    assert limits.check_password("x" * 1025) != []
