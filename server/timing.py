"""Server-Timing: how much of a request's time the database took, and the rest.

The Database marks each query with `database_time()`; queries of one request overlap (sibling
fields resolve concurrently), so the clock counts the wall-clock time during which at least one
query was running, not the sum of their durations. The header reads
`Server-Timing: db;dur=3.1, app;dur=1.9, total;dur=5.0` (milliseconds): `app` is everything
that is not the database — GraphQL parsing, validation, resolvers and serialisation.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class DatabaseClock:
    def __init__(self) -> None:
        self.running = 0
        self.since = 0.0
        self.seconds = 0.0

    def enter(self) -> None:
        if self.running == 0:
            self.since = time.perf_counter()
        self.running += 1

    def leave(self) -> None:
        self.running -= 1
        if self.running == 0:
            self.seconds += time.perf_counter() - self.since


_clock: ContextVar[DatabaseClock | None] = ContextVar("database_clock", default=None)


@contextlib.contextmanager
def database_time() -> Iterator[None]:
    clock = _clock.get()
    if clock is None:
        yield
        return
    clock.enter()
    try:
        yield
    finally:
        clock.leave()


class ServerTiming:
    """Adds the Server-Timing header to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        clock = DatabaseClock()
        token = _clock.set(clock)
        started = time.perf_counter()

        async def send_with_timing(message: Message) -> None:
            if message["type"] == "http.response.start":
                total = (time.perf_counter() - started) * 1000
                db = clock.seconds * 1000
                value = f"db;dur={db:.2f}, app;dur={total - db:.2f}, total;dur={total:.2f}"
                headers = [*message.get("headers", []), (b"server-timing", value.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_timing)
        finally:
            _clock.reset(token)
