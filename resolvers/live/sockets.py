"""The open WebSockets of live delivery (R27), counted in Neo4j across every API process.

A socket takes a slot of its member's (at most `sockets_per_member`, whichever process serves
them) when its connection_init is accepted, and gives it back when it closes. Each process
renews its sockets' slots every `socket_check_seconds`; a process that dies stops renewing, and
its slots lapse after three missed renewals. The same round checks each socket's token: once its
member signed out (R24) or the token expired, the socket is closed with 4403 within
`socket_check_seconds` (R27 asks for 10 s at most).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import cypher
from cypher.database import Database
from cypher.rows import NoColumns
from cypher.rows.live import SocketOpened, SocketRenewal
from resolvers.access.tokens import TokenClaims
from settings import Settings

OPEN_LIVE_SOCKET = cypher.query("open_live_socket", SocketOpened)
RENEW_LIVE_SOCKETS = cypher.query("renew_live_sockets", SocketRenewal)
CLOSE_LIVE_SOCKET = cypher.query("close_live_socket", NoColumns)

log = logging.getLogger("vernetzt.sockets")
ENDED = 4403  # graphql-transport-ws: forbidden (a missing, bad, expired or ended token)


@dataclass
class LiveSocket:
    """One open socket: whose it is (the token's claims, with its expiry), and how to close it."""

    claims: TokenClaims
    close: Callable[[int, str], Awaitable[None]]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


class Sockets:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings = db, settings
        self.open: dict[str, LiveSocket] = {}
        self._watcher: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Future[None]] = set()

    def _lapse_ms(self) -> int:
        return int(time.time() * 1000 + 3 * self.settings.socket_check_seconds * 1000)

    async def take_slot(self, socket: LiveSocket) -> bool:
        """Register the socket if its member has a free slot; False when they have none."""
        now = int(time.time() * 1000)
        row = await self.db.write_one(
            OPEN_LIVE_SOCKET,
            id=socket.id,
            member=socket.claims.member_id,
            now=now,
            until=self._lapse_ms(),
            limit=self.settings.sockets_per_member,
        )
        if not row or not row["opened"]:
            return False
        self.open[socket.id] = socket
        if self._watcher is None or self._watcher.done():
            self._watcher = asyncio.create_task(self._watch())
        return True

    async def give_back(self, socket: LiveSocket) -> None:
        if self.open.pop(socket.id, None) is not None:
            await self.db.write(CLOSE_LIVE_SOCKET, id=socket.id)

    async def _watch(self) -> None:
        while self.open:
            await asyncio.sleep(self.settings.socket_check_seconds)
            try:
                await self.check()
            except Exception:  # the database may be away a moment; the next round retries
                log.warning("socket check failed", exc_info=True)

    async def check(self) -> None:
        """Renew this process's slots and close the sockets whose token no longer holds."""
        sockets = list(self.open.values())
        if not sockets:
            return
        rows = await self.db.write(
            RENEW_LIVE_SOCKETS,
            until=self._lapse_ms(),
            sockets=[
                {"id": s.id, "member": s.claims.member_id, "version": s.claims.version}
                for s in sockets
            ],
        )
        valid = {row["id"] for row in rows if row["valid"]}
        now = time.time()
        for socket in sockets:
            if socket.id not in valid:
                await self._end(socket, "The member signed out; sign in again.")
            elif socket.claims.expires <= now:
                await self._end(socket, "The token has expired; sign in again.")

    async def _end(self, socket: LiveSocket, reason: str) -> None:
        """Give the socket's slot back now, and close it in a task of its own: a peer that
        takes nothing may hold its close up to `socket_send_seconds`, and must never hold
        the rounds that renew and close every other socket of the process."""
        await self.give_back(socket)
        closing = asyncio.ensure_future(socket.close(ENDED, reason))
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)

    async def close(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
