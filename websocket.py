"""graphql-transport-ws as R27 wants it, on top of Strawberry's handler: close codes for a bad
token (4403, Strawberry's) and for a member over their socket limit (4429), the subscription
limit per socket answered with RATE_LIMITED, the server's pings and the close of a silent
socket, and the socket's slot given back when it closes."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, Mapping
from typing import Any

from graphql import GraphQLError
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    Message,
    SubscribeMessage,
)
from strawberry.types import ExecutionResult

from resolvers import subscriptions
from resolvers.context import Context


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws messages are text frames; the view's JSON encoder (orjson) answers
    bytes, which Strawberry would send as binary frames that graphql-ws clients refuse."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        encoded = self.view.encode_json(message)
        text = encoded.decode() if isinstance(encoded, bytes) else encoded
        try:
            await self.ws.send_text(text)
        except WebSocketDisconnect as disconnected:
            raise WebSocketDisconnected from disconnected


class _RefusedSubscription(Exception):
    def __init__(self, errors: list[GraphQLError]) -> None:
        self.errors = errors


OVER_LIMIT = 4429  # graphql-transport-ws: too many (here: the member's sockets)
SILENT = 4408  # the client answered no ping for too long


class LiveHandler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.heard = time.monotonic()
        self.closed = False
        self.keepalive: asyncio.Task[None] | None = None
        self.context.close_socket = self.close

    @property
    def settings(self) -> Any:
        return self.context.settings

    async def close(self, code: int, reason: str) -> None:
        """Close once; a second close (the watcher and the idle timer at once) is a no-op."""
        if not self.closed:
            self.closed = True
            with contextlib.suppress(RuntimeError):  # the client left first
                await self.websocket.close(code=code, reason=reason)

    def on_request_accepted(self) -> None:
        super().on_request_accepted()
        self.keepalive = asyncio.create_task(self._keep_alive())

    async def _keep_alive(self) -> None:
        """Ping every `socket_ping_seconds`; close a socket silent for `socket_idle_seconds`."""
        while not self.closed:
            await asyncio.sleep(self.settings.socket_ping_seconds)
            if time.monotonic() - self.heard > self.settings.socket_idle_seconds:
                await self.close(SILENT, "No answer to the server's pings.")
                return
            with contextlib.suppress(Exception):
                await self.send_message({"type": "ping"})

    async def handle_message(self, message: Message) -> None:
        self.heard = time.monotonic()
        await super().handle_message(message)

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        try:
            await super().handle_connection_init(message)
        except subscriptions.SocketLimit:
            limit = self.settings.sockets_per_member
            await self.close(OVER_LIMIT, f"RATE_LIMITED: at most {limit} open sockets a member")

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        limit = self.settings.subscriptions_per_socket
        if self.connection_acknowledged and len(self.operations) >= limit:
            error = GraphQLError(
                f"At most {limit} subscriptions on one socket.",
                extensions={"code": "RATE_LIMITED"},
            )
            await self.send_message(
                {"id": message["id"], "type": "error", "payload": [error.formatted]}
            )
            return
        await super().handle_subscribe(message)

    async def _send_result_stream(self, operation: Any, result_source: Any) -> None:
        """A subscription refused before its first item (NOT_FOUND) answers an `error` message,
        as graphql-transport-ws has it, not a `next` carrying errors."""

        async def refused_first(stream: Any) -> AsyncGenerator[Any, None]:
            first = True
            async for result in stream:
                refused = isinstance(result, ExecutionResult) and result.data is None
                if first and refused and result.errors:
                    raise _RefusedSubscription(result.errors)
                first = False
                yield result

        try:
            await super()._send_result_stream(operation, refused_first(result_source))
        except _RefusedSubscription as refused:
            await operation.send_initial_errors(refused.errors)

    async def shutdown(self) -> None:
        self.closed = True
        if self.keepalive is not None:
            self.keepalive.cancel()
        await super().shutdown()
        with contextlib.suppress(Exception):  # the slot lapses by itself if this fails
            await subscriptions.release(self.context)
