"""Signed, expiring bearer tokens (JWT, HS256 only).

A token names the member (`sub`) and the member's token version (`ver`); `signOut` bumps the
version stored on the member, which ends every token issued before (R24).
"""

from __future__ import annotations

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
    try:
        claims = jwt.decode(
            token,
            settings.secret,
            algorithms=[ALGORITHM],
            audience=settings.token_audience,
            issuer=settings.token_issuer,
            options={"require": ["sub", "ver", "iat", "exp", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("The token has expired; sign in again.") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("The token is not valid.") from None
    member_id, version = claims["sub"], claims["ver"]
    if not isinstance(member_id, str) or not isinstance(version, int):
        raise Unauthenticated("The token is not valid.")
    return TokenClaims(member_id=member_id, version=version)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer ...` header; None without the header."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
    return token.strip()
