"""Signed, expiring bearer tokens (JWT, HS256 only).

A token names the member (`sub`) and the member's token version (`ver`); `signOut` bumps the
version stored on the member, which ends every token issued before (R24).
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import jwt

from resolvers.errors import Unauthenticated
from settings import Settings

ALGORITHM = "HS256"


@dataclass(frozen=True)
class TokenClaims:
    member_id: str
    version: int
    expires: int = 0  # epoch seconds; a live socket closes then (R27)


def issue_token(settings: Settings, member_id: str, version: int) -> str:
    now = int(time.time())
    claims = {
        "sub": member_id,
        "ver": version,
        "iat": now,
        "exp": now + settings.token_ttl_seconds,
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
    }
    return jwt.encode(claims, settings.secret, algorithm=ALGORITHM)


def read_token(settings: Settings, token: str) -> TokenClaims:
    """The claims of a valid token; Unauthenticated for a forged, expired or foreign one."""
    claims, expires = _verified(
        settings.secret, settings.token_audience, settings.token_issuer, token
    )
    if expires <= time.time():  # as PyJWT decides it, now that the answer may come from cache
        raise Unauthenticated("The token has expired; sign in again.")
    return claims


@functools.lru_cache(maxsize=10_000)
def _verified(secret: str, audience: str, issuer: str, token: str) -> tuple[TokenClaims, int]:
    """A token's claims and expiry once its signature, audience and issuer are checked. Kept per
    token text: a client sends the same token with every request, and checking it costs 0.3 ms;
    a refusal raises and is not kept."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={"require": ["sub", "ver", "iat", "exp", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("The token has expired; sign in again.") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("The token is not valid.") from None
    member_id, version, expires = claims["sub"], claims["ver"], claims["exp"]
    if not isinstance(member_id, str) or not isinstance(version, int):
        raise Unauthenticated("The token is not valid.")
    return TokenClaims(member_id=member_id, version=version, expires=int(expires)), int(expires)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer ...` header; None without the header."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
    return token.strip()
