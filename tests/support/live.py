"""A graphql-transport-ws client for the tests (R27), on the `websockets` package: it speaks
the protocol as a client would, including answering the server's pings (or not)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

PROTOCOL = "graphql-transport-ws"


class LiveClient:
    """One socket. `answer_pings`: whether it pongs the server's pings as graphql-ws does."""

    def __init__(self, socket: ClientConnection, answer_pings: bool = True) -> None:
        self.socket = socket
        self.answer_pings = answer_pings
        self.pings = 0
        self._ids = 0

    async def init(self, token: str | None) -> dict[str, Any]:
        """connection_init with the token; the server's first answer (connection_ack)."""
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        await self.send({"type": "connection_init", "payload": payload})
        return await self.receive()

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        self._ids += 1
        key = str(self._ids)
        payload = {"query": query, "variables": variables or {}}
        await self.send({"id": key, "type": "subscribe", "payload": payload})
        return key

    async def send(self, message: dict[str, Any]) -> None:
        await self.socket.send(json.dumps(message))

    async def receive(self, within: float = 10) -> dict[str, Any]:
        """The next message other than a ping (which it answers, if it answers pings)."""
        deadline = time.monotonic() + within
        while True:
            remaining = deadline - time.monotonic()
            raw = await asyncio.wait_for(self.socket.recv(), max(remaining, 0.01))
            message: dict[str, Any] = json.loads(raw)
            if message["type"] != "ping":
                return message
            self.pings += 1
            if self.answer_pings:
                await self.send({"type": "pong"})

    async def quiet(self, seconds: float) -> list[dict[str, Any]]:
        """Every message (pings answered and left out) that arrives within `seconds`."""
        received = []
        deadline = time.monotonic() + seconds
        with contextlib.suppress(TimeoutError):
            while (remaining := deadline - time.monotonic()) > 0:
                received.append(await self.receive(remaining))
        return received

    async def closed(self, within: float = 15) -> tuple[int | None, str]:
        """Wait for the server to close the socket; its close code and reason."""
        with contextlib.suppress(ConnectionClosed):
            while True:
                await self.receive(within)
        return self.socket.close_code, self.socket.close_reason or ""


@contextlib.asynccontextmanager
async def live(base: str, answer_pings: bool = True) -> AsyncIterator[LiveClient]:
    """A socket to the API at `base` (http://host:port) on /graphql."""
    url = base.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=10) as socket:  # type: ignore[list-item]
        yield LiveClient(socket, answer_pings)
