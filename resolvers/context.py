"""The typed request context: services of the process, the viewer, per-request loaders.

The context carries the driver (inside Database), never a session: strawberry resolves sibling
fields concurrently and a session is not safe to share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import strawberry
from starlette.requests import Request
from starlette.responses import Response

import cypher
from cypher.database import Database
from resolvers.errors import Unauthenticated
from resolvers.limits import Limits
from resolvers.loaders import Loaders
from resolvers.passwords import Passwords
from resolvers.tokens import bearer_token, read_token
from settings import Settings

VIEWER_SESSION = cypher.query("viewer_session")


@dataclass(frozen=True)
class Services:
    """What lives as long as the process: one per app."""

    db: Database
    settings: Settings
    passwords: Passwords
    limits: Limits
    # The time rules are decided at (R6 quota, R8 cooldown); tests move it forward.
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


@dataclass
class Context:
    request: Request | None
    response: Response | None
    services: Services
    viewer_id: str | None
    now: datetime
    loaders: Loaders

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def settings(self) -> Settings:
        return self.services.settings


Info = strawberry.Info[Context, None]


async def build_context(
    services: Services, request: Request | None, response: Response | None
) -> Context:
    """Resolve the viewer from the bearer token; a bad, expired or ended token is refused."""
    header = request.headers.get("authorization") if request else None
    token = bearer_token(header)
    viewer_id = await _viewer_of(services, token) if token else None
    now = services.clock()
    loaders = Loaders(services.db, viewer_id, services.settings, now)
    return Context(request, response, services, viewer_id, now, loaders)


async def _viewer_of(services: Services, token: str) -> str:
    claims = read_token(services.settings, token)
    row = await services.db.read_one(VIEWER_SESSION, id=claims.member_id, version=claims.version)
    if row is None:
        raise Unauthenticated("The token is no longer valid; sign in again.")
    return str(row["id"])


def require_viewer(info: Info) -> str:
    """The signed-in member's id; UNAUTHENTICATED for anonymous callers (R24)."""
    if info.context.viewer_id is None:
        raise Unauthenticated("Sign in to do this.")
    return info.context.viewer_id
