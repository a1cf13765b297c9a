"""Server-Timing: how much of a request's time the database took, and the rest.

The header reads `Server-Timing: db;dur=3.1, app;dur=1.9, total;dur=5.0` (milliseconds): `db`
is the wall-clock time during which at least one of the request's queries ran
(cypher.timing), `app` is everything else: GraphQL parsing, validation, resolvers and
serialisation.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cypher.timing import measured


class ServerTiming:
    """Adds the Server-Timing header to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_timing(message: Message) -> None:
            if message["type"] == "http.response.start":
                total = (time.perf_counter() - started) * 1000
                db = clock.seconds * 1000
                value = f"db;dur={db:.2f}, app;dur={total - db:.2f}, total;dur={total:.2f}"
                headers = [*message.get("headers", []), (b"server-timing", value.encode())]
                message = {**message, "headers": headers}
            await send(message)

        with measured() as clock:
            await self.app(scope, receive, send_with_timing)
