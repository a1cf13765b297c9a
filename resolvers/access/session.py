"""Whether a request's token still stands (R24: signOut ends every earlier token), asked of the
database without a round trip of its own where the request reads member cards anyway.

The token's signature and expiry are checked before the request runs; its version against the
member's current one only in the database. A member card query answers that beside the cards
(member_cards.cypher), and nearly every page shows a member: there the check costs no query.
Otherwise, or when a write is about to commit, the check asks with a query of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import cypher
from cypher.database import Database
from cypher.rows import Id
from resolvers.access.tokens import TokenClaims
from resolvers.errors import Unauthenticated
from resolvers.request.batching import shared

VIEWER_SESSION = cypher.query("viewer_session", Id)
# How the check reads its row: Database.read_one, or a request's Together.read_one, which sends
# it in one statement with the other reads that start at the same time (a write's state).
ReadOne = Callable[..., Awaitable[Any]]
ENDED = "The token is no longer valid; sign in again."


async def session_stands(read_one: ReadOne, claims: TokenClaims) -> bool:
    """Whether the member exists and the token's version is their current one."""
    row = await read_one(VIEWER_SESSION, id=claims.member_id, version=claims.version)
    return row is not None


async def check_session(db: Database, claims: TokenClaims) -> None:
    """Unauthenticated unless the session stands (a live socket's admission asks this)."""
    if not await session_stands(db.read_one, claims):
        raise Unauthenticated(ENDED)


class SessionCheck:
    """One request's check of its token's session: answered by the first card query that
    carries `params`, or by `start`, whichever comes first."""

    def __init__(self, read_one: ReadOne, claims: TokenClaims) -> None:
        self._read_one = read_one
        self._claims = claims
        self._stands: asyncio.Future[bool] = shared(asyncio.get_running_loop().create_future())
        self._own: asyncio.Task[None] | None = None

    @property
    def params(self) -> dict[str, Any]:
        """The parameters a card query answers `session` with."""
        return {"sessionMember": self._claims.member_id, "sessionVersion": self._claims.version}

    def answer(self, stands: bool) -> None:
        """A query read the member's token version: whether the session stands."""
        if not self._stands.done():
            self._stands.set_result(stands)

    def start(self) -> None:
        """Ask with a query of its own now, unless answered already or asking: a mutation starts
        it as it begins, so that its commit does not wait for a round trip."""
        if self._own is None and not self._stands.done():
            self._own = asyncio.ensure_future(self._ask())

    async def confirm(self) -> None:
        """Return when the session stands; Unauthenticated when it has ended."""
        self.start()
        if not await asyncio.shield(self._stands):
            raise Unauthenticated(ENDED)

    def discard(self) -> None:
        """The request ended without an answer: the outcome is not needed."""
        if self._own is not None and not self._own.done():
            self._own.cancel()

    async def _ask(self) -> None:
        try:
            stands = await session_stands(self._read_one, self._claims)
        except Exception as error:  # the database is unreachable: confirm raises it
            if not self._stands.done():
                self._stands.set_exception(error)
            return
        self.answer(stands)
