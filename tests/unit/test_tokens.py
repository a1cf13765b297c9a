"""Bearer tokens: signed, expiring, issuer and audience checked, HS256 only."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import jwt
import pytest

from resolvers.access.tokens import bearer_token, issue_token, read_token
from resolvers.errors import Unauthenticated
from settings import Settings

SETTINGS = Settings(secret="s" * 40)


def test_a_token_names_the_member_and_its_version() -> None:
    claims = read_token(SETTINGS, issue_token(SETTINGS, "member-1", 3))
    assert (claims.member_id, claims.version) == ("member-1", 3)


def test_an_expired_token_is_refused() -> None:
    expired = jwt.encode(
        {
            "sub": "m",
            "ver": 0,
            "iat": 1,
            "exp": int(time.time()) - 5,
            "iss": "vernetzt",
            "aud": "vernetzt-api",
        },
        SETTINGS.secret,
        algorithm="HS256",
    )
    with pytest.raises(Unauthenticated, match="expired"):
        read_token(SETTINGS, expired)


def test_a_token_accepted_before_is_refused_once_it_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Checked tokens are kept (resolvers.access.tokens._verified); their expiry is still decided on
    every request."""
    token = issue_token(SETTINGS, "member-1", 0)
    assert read_token(SETTINGS, token).member_id == "member-1"
    later = time.time() + SETTINGS.token_ttl_seconds + 1
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(Unauthenticated, match="expired"):
        read_token(SETTINGS, token)


def test_a_kept_token_is_refused_under_another_key() -> None:
    token = issue_token(SETTINGS, "member-1", 0)
    read_token(SETTINGS, token)
    with pytest.raises(Unauthenticated):
        read_token(dataclasses.replace(SETTINGS, secret="t" * 40), token)


@pytest.mark.parametrize(
    "changes",
    [{"secret": "t" * 40}, {"token_issuer": "someone-else"}, {"token_audience": "another-api"}],
)
def test_a_token_of_another_key_issuer_or_audience_is_refused(changes: dict[str, Any]) -> None:
    token = issue_token(dataclasses.replace(SETTINGS, **changes), "member-1", 0)
    with pytest.raises(Unauthenticated):
        read_token(SETTINGS, token)


def test_an_unsigned_token_is_refused() -> None:
    claims = {
        "sub": "m",
        "ver": 0,
        "iat": 1,
        "exp": int(time.time()) + 60,
        "iss": "vernetzt",
        "aud": "vernetzt-api",
    }
    unsigned = jwt.encode(claims, key=None, algorithm="none")
    with pytest.raises(Unauthenticated):
        read_token(SETTINGS, unsigned)


def test_a_token_without_its_version_is_refused() -> None:
    claims = {
        "sub": "m",
        "iat": 1,
        "exp": int(time.time()) + 60,
        "iss": "vernetzt",
        "aud": "vernetzt-api",
    }
    with pytest.raises(Unauthenticated):
        read_token(SETTINGS, jwt.encode(claims, SETTINGS.secret, algorithm="HS256"))


def test_bearer_header_parsing() -> None:
    assert bearer_token(None) is None
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("bearer  abc ") == "abc"
    for header in ("Basic abc", "Bearer", "Bearer   ", "abc"):
        with pytest.raises(Unauthenticated):
            bearer_token(header)
