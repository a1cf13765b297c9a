"""The typed request context: services of the process, the viewer, per-request loaders.

The work sees no HTTP: what it needs of a request (its token, bookmarks and address) reaches it
as a `Caller` of plain values, and what it asks of the answer (a status, headers) it writes to
an `Answer`; the edge (server.app) does the rest.

The context carries the driver (inside Database), never a session: strawberry resolves sibling
fields concurrently and a session is not safe to share.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cypher.database import Database
from resolvers.access.passwords import Passwords
from resolvers.access.rate_limits import Limits
from resolvers.access.read_budget import ReadBudget
from resolvers.access.session import SessionCheck
from resolvers.access.tokens import bearer_token, read_token
from resolvers.errors import Unauthenticated
from resolvers.live.hub import Hub
from resolvers.live.sockets import LiveSocket, Sockets
from resolvers.request.bookmarks import read_bookmarks, sign_bookmarks
from resolvers.request.loaders import Loaders
from resolvers.request.together import Together
from settings import Settings


@dataclass(frozen=True)
class Live:
    """Live delivery's process-wide parts (R27): the poller's hub and the open sockets."""

    hub: Hub
    sockets: Sockets


@dataclass(frozen=True)
class Services:
    """What lives as long as the process: one per app."""

    db: Database
    settings: Settings
    passwords: Passwords
    limits: Limits
    # The time rules are decided at (R6 quota, R8 cooldown); tests move it forward.
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    live: Live | None = None  # only where subscriptions are served
    reads: ReadBudget | None = None  # only where the app serves requests
    # One data export at a time per process: an export holds its whole document in memory,
    # several at once would multiply that (docs/security.md). Others wait their turn.
    export_turn: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(1))


@dataclass(frozen=True)
class Caller:
    """What the work needs of an HTTP request, as plain values the edge reads for it."""

    authorization: str | None = None  # the Authorization header
    bookmarks: str | None = None  # the Vernetzt-Bookmark header (resolvers.request.bookmarks)
    address: str = "unknown"  # the client's address as the per-address limits key it


@dataclass
class Answer:
    """What the work asks of the HTTP answer beyond its body: a status (429, 503) and headers
    (Retry-After, the bookmark); the edge writes them onto the response."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Context:
    caller: Caller | None  # None on a WebSocket: connection_init names the member
    answer: Answer
    services: Services
    viewer_id: str | None
    now: datetime
    loaders: Loaders
    # The process's database, or on a cluster this request's causal view of it (bookmarks).
    db: Database
    # The check that the token's session still stands (R24: signOut ends it), answered while
    # the request's reads run; see `confirm_session`.
    session: SessionCheck | None = None
    # The GraphQL layer's look-ahead answers for this request, by field (schema.pipeline)
    lookahead: dict[tuple[tuple[int, ...], str | None], frozenset[str]] = field(
        default_factory=dict
    )
    # A WebSocket's: the connection_init payload (strawberry sets it), and the socket once
    # its token is accepted (resolvers.live.subscriptions).
    connection_params: dict[str, Any] | None = None
    socket: LiveSocket | None = None
    close_socket: Callable[[int, str], Awaitable[None]] | None = None

    async def confirm_session(self) -> None:
        """Raise Unauthenticated when the token's session has ended. Every answer waits for
        this before it is sent, and every write before it commits."""
        if self.session is not None:
            await self.session.confirm()

    def discard_session(self) -> None:
        """The request ended without an answer: the check's outcome is not needed."""
        if self.session is not None:
            self.session.discard()

    def refresh(self) -> None:
        """Make a long-lived socket's context current for its next item: the time now, and
        loaders that hold nothing loaded before."""
        self.now = self.services.clock()
        self.loaders = Loaders(self.db, self.viewer_id, self.settings, self.now, self.session)

    def for_operation(self) -> Context:
        """A context for one operation of a socket: the socket's viewer, with its own time and
        loaders and look-ahead, as an HTTP request gets (never the socket's opening time)."""
        operation = dataclasses.replace(self, lookahead={})
        operation.refresh()
        return operation

    def require_viewer(self) -> str:
        """The signed-in member's id; UNAUTHENTICATED for anonymous callers (R24)."""
        if self.viewer_id is None:
            raise Unauthenticated("Sign in to do this.")
        return self.viewer_id

    async def bookmark_header(self) -> str | None:
        """The signed bookmarks to answer with when this request wrote on a cluster."""
        if not self.db.wrote or not (bookmarks := await self.db.bookmarks()):
            return None
        return sign_bookmarks(self.settings.secret, bookmarks)

    @property
    def settings(self) -> Settings:
        return self.services.settings


async def build_context(services: Services, caller: Caller | None) -> Context:
    """The viewer named by the bearer token. A forged or expired token is refused here; whether
    its session still stands is asked of the database at the same time as the request's own
    queries run, mostly by their member card query (resolvers.access.session): the answer
    waits for it (`confirm_session`), and so does the commit of every write
    (`Database.confirmed_by`)."""
    token = bearer_token(caller.authorization if caller else None)
    claims = read_token(services.settings, token) if token else None
    db = causal_view(services, caller).with_share(services.settings.db_reads_per_request)
    # The check reads beside the request's first reads, in their statement (a write's state).
    together = Together(db)
    session = SessionCheck(together.read_one, claims) if claims else None
    if session is not None:
        db = db.confirmed_by(session.confirm)
    now = services.clock()
    viewer_id = claims.member_id if claims else None
    loaders = Loaders(db, viewer_id, services.settings, now, session, together)
    return Context(caller, Answer(), services, viewer_id, now, loaders, db, session)


def causal_view(services: Services, caller: Caller | None) -> Database:
    """On a cluster, the request's reads wait for the bookmarks its client carries (a member
    who wrote through one process reads it through another); on one server, nothing to do."""
    if not services.db.routed:
        return services.db
    header = caller.bookmarks if caller else None
    return services.db.causally_after(read_bookmarks(services.settings.secret, header))
