"""R24's length and format rules, as pure functions (resolvers/rules/formats.py)."""

from __future__ import annotations

import pytest

from resolvers.rules import formats


@pytest.mark.parametrize("handle", ["abc", "a-9", "x" * 30, "ada-lovelace"])
def test_valid_handles(handle: str) -> None:
    assert formats.check_handle(handle) == []


@pytest.mark.parametrize("handle", ["ab", "x" * 31, "Ada", "ada_l", "ada.l", "", "adé"])
def test_invalid_handles(handle: str) -> None:
    assert [e.field for e in formats.check_handle(handle)] == [("input", "handle")]


def test_email_key_ignores_case_and_surrounding_space() -> None:
    assert formats.email_key(" Ada@Example.ORG ") == "ada@example.org"


def test_an_empty_headline_is_no_headline() -> None:
    assert formats.clean_headline("  ") is None
    assert formats.clean_headline(" Analyst ") == "Analyst"
    assert formats.clean_headline(None) is None


def test_password_bounds() -> None:
    assert formats.check_password("x" * 12) == []
    assert formats.check_password("x" * 1024) == []
    assert formats.check_password("x" * 11) != []
    assert formats.check_password("x" * 1025) != []
