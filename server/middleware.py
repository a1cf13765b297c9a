"""ASGI middleware around the API: request body cap, security headers, and the GraphQL over
HTTP media type `application/graphql-response+json` for clients that ask for it."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_body

GRAPHQL_RESPONSE = "application/graphql-response+json"


class BodyTooLarge(Exception):
    pass


async def _answer(send: Send, status: int, body: dict[str, Any], media: str) -> None:
    payload = json.dumps(body).encode()
    headers = [(b"content-type", media.encode()), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


class BodySizeLimit:
    """413 for a request body over `max_bytes`, announced or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"The request body exceeds {self.max_bytes} bytes."
        too_large = error_body(message, "BAD_USER_INPUT", with_data=False)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await _answer(send, 413, too_large, "application/json")
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await _answer(send, 413, too_large, "application/json")


# JSON answers need nothing. Pages (the web client, the playground) load only our own files:
# no inline script, no CDN. GraphiQL injects <style> elements and embeds its fonts and icons
# as data: URIs, hence those two allowances.
NONE_CSP = b"default-src 'none'; frame-ancestors 'none'"
HTML_CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Headers that keep browsers from sniffing, framing or leaking; HSTS in production."""

    def __init__(self, app: ASGIApp, production: bool) -> None:
        self.app, self.production = app, production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                html = any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers)
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                ]
                headers.append((b"content-security-policy", HTML_CSP if html else NONE_CSP))
                if self.production:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class GraphQLResponseMediaType:
    """When the client accepts application/graphql-response+json, answer with it, and with 400
    and no `data` entry for a request that never executed, as the GraphQL over HTTP spec asks
    (the graphql-http audit checks both: tests/http/test_graphql_http.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        accept = dict(scope.get("headers", [])).get(b"accept", b"")
        if scope["type"] != "http" or GRAPHQL_RESPONSE.encode() not in accept:
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            await self._send_rewritten(send, start, b"".join(chunks))

        await self.app(scope, receive, rewrite)

    @staticmethod
    async def _send_rewritten(send: Send, start: Message, body: bytes) -> None:
        headers = list(start.get("headers", []))
        status = start["status"]
        is_json = any(
            k == b"content-type" and v.startswith(b"application/json") for k, v in headers
        )
        if is_json:
            headers = [(k, v) for k, v in headers if k != b"content-type"]
            headers.append((b"content-type", GRAPHQL_RESPONSE.encode()))
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
            if status == 200 and isinstance(parsed, dict) and _never_executed(parsed):
                # A request error: 400, and no `data` entry at all (the spec's SHOULD).
                status = 400
                body = json.dumps({k: v for k, v in parsed.items() if k != "data"}).encode()
                headers = [(k, v) for k, v in headers if k != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _never_executed(body: dict[str, Any]) -> bool:
    """A request error (syntax, validation, limits): no data, and no error at a field path."""
    errors = body.get("errors") or []
    return body.get("data") is None and bool(errors) and all("path" not in e for e in errors)
