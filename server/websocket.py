"""graphql-transport-ws as R27 wants it, on top of Strawberry's handler: close codes for a bad
token (4403, Strawberry's) and for a member over their socket limit (4429), the subscription
limit per socket answered with RATE_LIMITED, the server's pings and the close of a silent
socket, and the socket's slot given back when it closes.

A socket serves subscriptions only: queries and mutations go over HTTP, where each request gets
its own time, loaders, session check and limits. Each subscription gets a context of its own.

Hostile peers (docs/security.md): a message is measured before it is parsed, every send and
close has a time limit, and `BoundedWebSockets` (uvicorn's protocol, run with `uvicorn_flags`)
cuts off a peer that does not take what is sent to it, so that no peer can hold the machinery
that serves the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncGenerator, Mapping
from json import JSONDecodeError
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.websockets import WebSocketDisconnect, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import (
    NonJsonMessageReceived,
    NonTextMessageReceived,
    WebSocketDisconnected,
)
from strawberry.schema import BaseSchema
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    Message,
    SubscribeMessage,
)
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from resolvers.live import subscriptions
from resolvers.request.context import Context
from server import logs, metrics, traces
from server.persisted import NOT_TRUSTED, PersistedQueries
from settings import Settings, load_settings

log = logging.getLogger("vernetzt.websocket")

OVER_LIMIT = 4429  # graphql-transport-ws: too many (here: the member's sockets)
SILENT = 4408  # the client answered no ping for too long
BAD_REQUEST = 4400  # graphql-transport-ws: a malformed message
TOO_BIG = 1009  # RFC 6455: a message too big to process
# connection_init carries the bearer token and nothing else worth keeping.
INIT_PAYLOAD_MAX = 4096


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws messages are text frames; the view's JSON encoder (orjson) answers
    bytes, which Strawberry would send as binary frames that graphql-ws clients refuse. Each
    message is measured before it is parsed, and each send waits `socket_send_seconds` at most."""

    @property
    def settings(self) -> Settings:
        settings: Settings = self.view.services.settings  # type: ignore[attr-defined]
        return settings

    async def iter_json(
        self, *, ignore_parsing_errors: bool = False
    ) -> AsyncGenerator[object, None]:
        try:
            while self.ws.application_state != WebSocketState.DISCONNECTED:
                text = await self.ws.receive_text()
                # Characters, not bytes: never more than the bytes; uvicorn counts the bytes.
                if len(text) > self.settings.socket_max_message_bytes:
                    await self.close(TOO_BIG, "The message is too big.")
                    return
                try:
                    message = self.view.decode_json(text)
                except JSONDecodeError as malformed:
                    if not ignore_parsing_errors:
                        raise NonJsonMessageReceived from malformed
                    continue
                yield message
        except KeyError as binary:
            raise NonTextMessageReceived from binary
        except WebSocketDisconnect:
            pass

    async def send_json(self, message: Mapping[str, object]) -> None:
        encoded = self.view.encode_json(message)
        text = encoded.decode() if isinstance(encoded, bytes) else encoded
        try:
            await asyncio.wait_for(self.ws.send_text(text), self.settings.socket_send_seconds)
        except (WebSocketDisconnect, TimeoutError) as gone:  # left, or takes nothing
            raise WebSocketDisconnected from gone

    async def close(self, code: int, reason: str) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError):  # already closed, or stalled
            close = self.ws.close(code=code, reason=reason)
            await asyncio.wait_for(close, self.settings.socket_send_seconds)


class _RefusedSubscription(Exception):
    def __init__(self, errors: list[GraphQLError]) -> None:
        self.errors = errors


class _SocketOperations:
    """The schema as a socket runs it: subscriptions only, each with a context of its own (the
    time of its start, fresh loaders), never the context of the socket's connection_init."""

    def __init__(self, schema: BaseSchema) -> None:
        self.schema = schema

    async def stream(self, query: str | None, *, context_value: Context, **options: Any) -> Any:
        return await self.schema.stream(
            query,
            context_value=context_value.for_operation(),
            allowed_operation_types=(OperationType.SUBSCRIPTION,),
            **options,
        )


class LiveHandler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = _SocketOperations(self.schema)  # type: ignore[assignment]
        self.heard = time.monotonic()
        self.closed = False
        self.keepalive: asyncio.Task[None] | None = None
        # Every operation whose task is alive, also once Strawberry has forgotten its id to
        # send its last message: what the socket holds is what counts against its limit.
        self.running: set[asyncio.Task[None]] = set()
        self.context.close_socket = self.close

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def persisted(self) -> PersistedQueries:
        """The app's persisted queries: which texts may run (trusted documents)."""
        persisted: PersistedQueries = self.view.persisted  # type: ignore[attr-defined]
        return persisted

    async def close(self, code: int, reason: str) -> None:
        """Close once; a second close (the watcher and the idle timer at once) is a no-op.
        The adapter's close waits `socket_send_seconds` at most."""
        if not self.closed:
            self.closed = True
            await self.websocket.close(code, reason)

    async def handle(self) -> None:
        metrics.LIVE_SOCKETS.inc()
        try:
            await super().handle()
        finally:
            metrics.LIVE_SOCKETS.dec()

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
        payload = message.get("payload") or {}
        if isinstance(payload, dict):
            if len(orjson.dumps(payload)) > INIT_PAYLOAD_MAX:
                await self.close(BAD_REQUEST, "connection_init carries the token, nothing more.")
                return
            # Kept for the socket's life: only the token, whatever else was sent.
            token = {k: v for k, v in payload.items() if k.lower() == "authorization"}
            logs.keep_secret([str(value).split()[-1:] for value in token.values()])
            message = {**message, "payload": token}
        try:
            await super().handle_connection_init(message)
        except subscriptions.SocketLimit:
            metrics.limited("sockets")
            limit = self.settings.sockets_per_member
            await self.close(OVER_LIMIT, f"RATE_LIMITED: at most {limit} open sockets a member")

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload = message.get("payload") or {}
        query = payload.get("query")
        logs.keep_secret(payload.get("variables"))
        logs.keep_document_secret(query if isinstance(query, str) else None)
        text = query if isinstance(query, str) else None
        name = payload.get("operationName")
        named = metrics.named_operation(name if isinstance(name, str) else None, text)
        fields = {"event": "subscribe", "operation": named}
        log.info("subscribe", extra={"fields": fields})
        # Before connection_ack strawberry closes the socket (4401): nothing is told of trust.
        trusted = not self.connection_acknowledged or not isinstance(query, str)
        if not (trusted or self.persisted.trusted(query)):
            error = GraphQLError(NOT_TRUSTED[0], extensions={"code": NOT_TRUSTED[1]})
            await self.send_message(
                {"id": message["id"], "type": "error", "payload": [error.formatted]}
            )
            return
        limit = self.settings.subscriptions_per_socket
        if self.connection_acknowledged and len(self.running) >= limit:
            metrics.limited("subscriptions")
            error = GraphQLError(
                f"At most {limit} subscriptions on one socket.",
                extensions={"code": "RATE_LIMITED"},
            )
            await self.send_message(
                {"id": message["id"], "type": "error", "payload": [error.formatted]}
            )
            return
        await super().handle_subscribe(message)
        operation = self.operations.get(message["id"])
        if operation is not None and operation.task is not None:
            self.running.add(operation.task)
            operation.task.add_done_callback(self.running.discard)
            metrics.LIVE_SUBSCRIPTIONS.inc()
            operation.task.add_done_callback(lambda _: metrics.LIVE_SUBSCRIPTIONS.dec())

    async def handle_task_exception(self, error: Exception) -> None:
        if not isinstance(error, WebSocketDisconnected):  # a peer gone is no server fault
            await super().handle_task_exception(error)

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
            events = traces.delivered(refused_first(result_source), operation.operation_name)
            await super()._send_result_stream(operation, events)
        except _RefusedSubscription as refused:
            await operation.send_initial_errors(refused.errors)

    async def shutdown(self) -> None:
        self.closed = True
        if self.keepalive is not None:
            self.keepalive.cancel()
        for task in self.running:  # those Strawberry forgot, stuck sending their last message
            task.cancel()
        await super().shutdown()
        with contextlib.suppress(Exception):  # the slot lapses by itself if this fails
            await subscriptions.release(self.context)


@functools.cache
def _limits() -> tuple[float, int]:
    settings = load_settings()
    return settings.socket_send_seconds, settings.socket_max_output_bytes


class BoundedWebSockets(WebSocketsSansIOProtocol):
    """uvicorn's WebSocket protocol, with a deadline for a peer that takes nothing.

    uvicorn waits before each send (and its close, and its ping timeout's close) until the
    transport's buffer drains, which it never does while the peer's TCP window stays full: the
    socket, and whatever awaits it, would wait for ever. Here, once the output passes the
    transport's high-water mark, the peer has `socket_send_seconds` to take it, and the output
    may never pass `socket_max_output_bytes`; otherwise the connection is aborted (its output
    dropped) and the app sees the peer leave."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.drain_seconds, self.max_output = _limits()
        self.stall: asyncio.TimerHandle | None = None

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.transport.get_write_buffer_size() > self.max_output:
            self._abort("its output passed the cap")
        elif self.stall is None:
            self.stall = self.loop.call_later(self.drain_seconds, self._abort, "it took nothing")

    def resume_writing(self) -> None:
        super().resume_writing()
        self._forget_stall()

    def connection_lost(self, exc: Exception | None) -> None:
        self._forget_stall()
        super().connection_lost(exc)

    def _forget_stall(self) -> None:
        if self.stall is not None:
            self.stall.cancel()
            self.stall = None

    def _abort(self, why: str) -> None:
        self.stall = None
        log.warning("WebSocket cut off: %s", why)
        self.transport.abort()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What every launcher gives uvicorn (scripts.run, the Dockerfile, the tests' processes):
    the protocol above, the message size limit, counted in bytes before a message is gathered,
    and no compression (a deflated message of a few KB inflates to the size limit, and costs
    the CPU to inflate)."""
    return {
        "ws": f"{__name__}:BoundedWebSockets",
        "ws_max_size": settings.socket_max_message_bytes,
        "ws_per_message_deflate": False,
    }


def uvicorn_flags(settings: Settings) -> list[str]:
    """`uvicorn_options` as uvicorn's command line takes them."""
    flags = []
    for name, value in uvicorn_options(settings).items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        flags += ["--" + name.replace("_", "-"), text]
    return flags
