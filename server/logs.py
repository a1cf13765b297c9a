"""Structured logs: one JSON line per record on stdout, uvicorn's own included, and one line per
request and per socket event (docs/operations.md lists the fields).

Nothing a member sent or owns is written: not a password, a token, an e-mail address, a
message's text or an export's content, at any level, in errors and tracebacks too. Three guards:
- the lines are ours: a request's line carries its operation's name, status, times and codes,
  never its variables; uvicorn's access line (its URL carries a GET's variables) is replaced by
  it, and the driver's debug lines (they carry query parameters) are never written;
- every string a request or a socket message brought (its variables' values, the string
  literals of its document, its token) is redacted from every line written while it runs;
- e-mail addresses, JSON Web Tokens and bearer credentials are redacted from every line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import re
import secrets
import sys
import time
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cypher.timing import current_clock
from server import metrics
from server.responses import ResponseStatus
from server.traces import current_trace_id

log = logging.getLogger("vernetzt.requests")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
JWT = re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]*")
BEARER = re.compile(r"(?i)\bbearer\s+\S+")
# A GraphQL document's string literals, plain and block (their contents may be anyone's words).
LITERAL = re.compile(r'"""(.*?)"""|"((?:[^"\\\n]|\\.)*)"', re.DOTALL)
TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}")
MIN_SECRET = 3  # shorter values ("ok", "en") would blank out the words of every line
REDACTED = "[redacted]"
# Uvicorn's loggers, written through ours; its access line is ours instead (see above).
UVICORN = ("uvicorn", "uvicorn.error")
QUIET = {"uvicorn.access": logging.CRITICAL + 1, "neo4j": logging.WARNING}


@dataclasses.dataclass
class Scene:
    """What a request or a socket is while it runs: its trace id and what it brought."""

    trace_id: str
    secrets: set[str] = dataclasses.field(default_factory=set)


_scene: ContextVar[Scene | None] = ContextVar("log_scene", default=None)


def keep_secret(*values: object) -> None:
    """Every string within `values` (variables, payloads), redacted from the lines written while
    the current request or socket runs."""
    scene = _scene.get()
    if scene is not None:
        for value in values:
            scene.secrets.update(_strings(value))


def keep_document_secret(document: str | None) -> None:
    """A GraphQL document's string literals (a message's text written inline, say)."""
    if document:
        keep_secret([plain or block for block, plain in LITERAL.findall(document)])


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        if len(value) >= MIN_SECRET:
            yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _strings(item)


def redact(text: str, scene: Scene | None) -> str:
    for secret in sorted(scene.secrets if scene else (), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = BEARER.sub("Bearer " + REDACTED, text)
    text = JWT.sub(REDACTED, text)
    return EMAIL.sub(REDACTED, text)


class JsonLines(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, the scene's trace id, the
    record's own fields (`extra={"fields": {...}}`), and its exception; all of it redacted."""

    def format(self, record: logging.LogRecord) -> str:
        scene = _scene.get()
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if scene is not None:
            line["trace_id"] = scene.trace_id
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        # Each text before it is encoded: a secret is matched as it was sent, not as escaped.
        clean = {k: redact(v, scene) if isinstance(v, str) else v for k, v in line.items()}
        return json.dumps(clean, default=str, ensure_ascii=False)


def configure(level: str = "INFO") -> None:
    """Every logger of the process, uvicorn's too, writes JSON lines to stdout at `level`."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in UVICORN:
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    for name, floor in QUIET.items():
        logging.getLogger(name).setLevel(max(floor, root.level))


def trace_id_of(traceparent: str | None) -> str:
    """The trace id of the span under way when traces are on, else the caller's (W3C
    traceparent), else a new one."""
    if traced := current_trace_id():
        return traced
    match = TRACEPARENT.fullmatch(traceparent.strip().lower()) if traceparent else None
    return match.group(1) if match else secrets.token_hex(16)


@contextlib.contextmanager
def scene(traceparent: str | None) -> Iterator[Scene]:
    current = Scene(trace_id_of(traceparent))
    token = _scene.set(current)
    try:
        yield current
    finally:
        _scene.reset(token)


class RequestLogs:
    """One line per HTTP request (`request`) and per socket's opening and closing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        traceparent = headers.get(b"traceparent", b"").decode("latin-1") or None
        with scene(traceparent):
            credentials = headers.get(b"authorization", b"").decode("latin-1").split()
            keep_secret(credentials[1:])  # the token, whatever the scheme
            if scope["type"] == "http":
                await self._request(scope, receive, send)
            else:
                await self._socket(scope, receive, send)

    async def _request(self, scope: Scope, receive: Receive, send: Send) -> None:
        started, response = time.perf_counter(), ResponseStatus(send)
        try:
            await self.app(scope, receive, response)
        finally:
            record = metrics.current() if scope["path"] == "/graphql" else None
            clock = current_clock()
            fields = {
                "event": "request",
                "method": scope["method"],
                "path": scope["path"],  # never the query string: a GET's variables are there
                "status": response.status,
                "operation": record.operation if record else None,
                "outcome": record.outcome if record and record.outcome else response.outcome,
                "error_codes": list(record.codes) if record else [],
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "db_ms": round(clock.seconds * 1000, 2) if clock else None,
            }
            level = logging.ERROR if response.status >= 500 else logging.INFO
            log.log(level, "request", extra={"fields": fields})

    async def _socket(self, scope: Scope, receive: Receive, send: Send) -> None:
        started, closed_with = time.perf_counter(), None

        async def sending(message: Message) -> None:
            nonlocal closed_with
            if message["type"] == "websocket.accept":
                log.info("socket opened", extra={"fields": {"event": "socket_opened"}})
            elif message["type"] == "websocket.close":
                closed_with = message.get("code", 1000)
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            fields = {
                "event": "socket_closed",
                "code": closed_with,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            }
            log.info("socket closed", extra={"fields": fields})
