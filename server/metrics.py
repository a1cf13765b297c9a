"""Prometheus metrics: the golden signals per GraphQL operation, the database's time per named
query, and the live updates' sockets, subscriptions and poller, at `GET /metrics` for whoever
holds VERNETZT_METRICS_TOKEN (unset: no endpoint). docs/operations.md lists every metric.

With several worker processes (WORKERS > 1) each writes its samples to files in
PROMETHEUS_MULTIPROC_DIR, an empty directory when the workers start (scripts.run makes one of
its own; the image's command empties its own), and a scrape of any one of them sums every
process: prometheus-client's multiprocess mode. Without it, the process's own registry answers.

Labels stay bounded whatever a client sends: an operation's name counts only when the document
names that operation, the release's own (web/operations.json) always count, and past
MAX_OPERATIONS others a process counts the rest as `other`; an outcome is `ok` or one of the
API's own codes; a query's label is its .cypher file's name (read together: their names, sorted).
"""

from __future__ import annotations

import hmac
import os
import platform
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, multiprocess
from prometheus_client.exposition import choose_encoder
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from resolvers.access.addresses import is_trusted, networks
from resolvers.errors import ErrorCode
from server.responses import ResponseStatus

MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"
MAX_OPERATIONS = 500
NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
OPERATION = re.compile(r"\b(?:query|mutation|subscription)\s+([_A-Za-z]\w*)")
# Request latencies from a millisecond to the time limit and past it.
SECONDS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

REQUESTS = Counter(
    "vernetzt_requests",
    "GraphQL requests answered, by operation and outcome (ok, or the first error code).",
    ["operation", "outcome"],
)
REQUEST_SECONDS = Histogram(
    "vernetzt_request_duration_seconds",
    "Time from a GraphQL request's arrival to its answer, by operation.",
    ["operation"],
    buckets=SECONDS,
)
QUERY_SECONDS = Histogram(
    "vernetzt_db_query_duration_seconds",
    "Time of each Cypher query, by its .cypher file's name (never its parameters).",
    ["query"],
    buckets=SECONDS,
)
RATE_LIMITED = Counter(
    "vernetzt_rate_limited",
    "Requests refused by a rate limit or the read budget (RATE_LIMITED), by limit.",
    ["limit"],
)
LIVE_SOCKETS = Gauge(
    "vernetzt_live_sockets", "Open live sockets (R27).", multiprocess_mode="livesum"
)
LIVE_SUBSCRIPTIONS = Gauge(
    "vernetzt_live_subscriptions", "Running subscriptions (R27).", multiprocess_mode="livesum"
)
LIVE_POLL_SECONDS = Gauge(
    "vernetzt_live_poll_duration_seconds",
    "How long the live poller's last round took: the delay it adds to delivery.",
    multiprocess_mode="livemax",
)
SWEPT = Counter(
    "vernetzt_swept",
    "Expired items deleted by the housekeeping sweep, by kind (resolvers/housekeeping.py).",
    ["kind"],
)
DB_SESSIONS = Gauge(
    "vernetzt_db_sessions_in_use",
    "Database sessions running: each holds one of the driver's pooled connections.",
    multiprocess_mode="livesum",
)
DB_BREAKER_OPEN = Gauge(
    "vernetzt_db_breaker_open",
    "Processes refusing queries because Neo4j does not answer (cypher/breaker.py).",
    multiprocess_mode="livesum",
)
BUILD = Gauge(
    "vernetzt_build_info",
    "The running build: its version, Python's and Neo4j's.",
    ["version", "python", "neo4j"],
    multiprocess_mode="max",
)


@dataclass
class RequestRecord:
    """What one request's metrics are labelled with, as the request learns it."""

    operation: str = "unknown"
    outcome: str | None = None
    codes: tuple[str, ...] = ()  # every code it answered with (its log line lists them)


_current: ContextVar[RequestRecord | None] = ContextVar("metrics_request", default=None)
_operations: set[str] = set()  # the names counted under their own label, beyond the release's
_release: set[str] = set()  # the release's own operations' names: always counted
# The codes the API answers with (top-level, and its UserErrors'): any other is not a label.
CODES = frozenset(code.value for code in ErrorCode) | {
    "UNAUTHENTICATED",
    "BAD_USER_INPUT",
    "BAD_REQUEST",
    "NOT_FOUND",
    "RATE_LIMITED",
    "QUERY_TOO_COMPLEX",
    "SERVICE_UNAVAILABLE",
    "TIMEOUT",
    "INTERNAL_SERVER_ERROR",
    "PERSISTED_QUERY_NOT_FOUND",
    "OPERATION_NOT_TRUSTED",
}


def current() -> RequestRecord | None:
    """The record of the request under way (its log line reads its operation and outcome)."""
    return _current.get()


def know_operations(texts: Iterable[str]) -> None:
    """The release's operations (web/operations.json): their names are always labels."""
    _release.update(name for text in texts for name in OPERATION.findall(text))


def name_operation(name: str | None, query: str | None) -> None:
    """The request's operation: the operationName its document names, else the document's
    first operation's name."""
    record = _current.get()
    if record is not None and query is not None:
        record.operation = _bounded(named_operation(name, query))


def named_operation(name: str | None, query: str | None) -> str | None:
    """The name of the operation a document runs: `name` where the document names an operation
    so, else its first operation's name (None for an anonymous one)."""
    named = OPERATION.findall(query or "")
    return name if name in named else (named[0] if named else None)


def answered(outcome: str, codes: Iterable[str] = ()) -> None:
    """The request's outcome (ok or a code), where the edge answers it, and every code it
    answered with (the outcome's by default)."""
    record = _current.get()
    if record is not None and record.outcome is None:
        record.outcome = outcome
        record.codes = tuple(codes) or (() if outcome == "ok" else (outcome,))


def limited(limit: str) -> None:
    """A request refused by the limit named (rate_limits.RateLimit.name, or `reads`)."""
    RATE_LIMITED.labels(limit).inc()


def outcome_of(data: Mapping[str, Any] | None, errors: list[Any] | None) -> str:
    """A result's outcome: its first top-level error's code, else its mutation payload's first
    UserError's, else ok."""
    codes = codes_of(data, errors)
    return codes[0] if codes else "ok"


def codes_of(data: Mapping[str, Any] | None, errors: list[Any] | None) -> list[str]:
    """Every code of a result: its top-level errors', then its payloads' UserErrors'."""
    codes = [
        _code((error.extensions or {}).get("code", "INTERNAL_SERVER_ERROR"))
        for error in errors or ()
    ]
    for value in (data or {}).values():
        refused = value.get("errors") if isinstance(value, Mapping) else None
        if isinstance(refused, list):
            codes += [_code(item.get("code")) for item in refused if isinstance(item, Mapping)]
    return codes


def _code(code: object) -> str:
    """A code as a label: the API's own, else `other` (an alias named `errors` can put any
    text where a payload's codes are)."""
    return code if isinstance(code, str) and code in CODES else "other"


def _bounded(name: str | None) -> str:
    if name is None:
        return "anonymous"
    if not NAME.fullmatch(name):
        return "invalid"
    if name in _release:
        return name
    if name not in _operations and len(_operations) >= MAX_OPERATIONS:
        return "other"
    _operations.add(name)
    return name


def observe_query(name: str, seconds: float) -> None:
    QUERY_SECONDS.labels(name).observe(seconds)


def swept(kind: str, count: int) -> None:
    SWEPT.labels(kind).inc(count)


def sessions_changed(delta: int) -> None:
    DB_SESSIONS.inc(delta)


def breaker_changed(is_open: bool) -> None:
    DB_BREAKER_OPEN.set(1 if is_open else 0)


def build_info(version: str, neo4j: str) -> None:
    BUILD.labels(version, platform.python_version(), neo4j).set(1)


class RequestMetrics:
    """Counts and times every request to /graphql, labelled by what the app learnt of it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/graphql":
            await self.app(scope, receive, send)
            return
        record = RequestRecord()
        token = _current.set(record)
        started = time.perf_counter()
        response = ResponseStatus(send)
        try:
            await self.app(scope, receive, response)
        finally:
            _current.reset(token)
            REQUESTS.labels(record.operation, record.outcome or response.outcome).inc()
            REQUEST_SECONDS.labels(record.operation).observe(time.perf_counter() - started)


def registry() -> CollectorRegistry:
    """Every process's samples in multiprocess mode, else this process's."""
    if not (directory := os.environ.get(MULTIPROCESS)):
        return REGISTRY
    forget_dead_workers(directory)
    collected = CollectorRegistry()
    multiprocess.MultiProcessCollector(collected)  # type: ignore[no-untyped-call]
    return collected


def endpoint(token: str, addresses: Sequence[str] = ()) -> Any:
    """GET /metrics for a request bearing `token` (401 otherwise), from one of `addresses`
    when they are listed (403 otherwise: the socket's peer, never X-Forwarded-For)."""
    expected = f"Bearer {token}".encode()
    allowed = networks(tuple(addresses))

    async def metrics(request: Request) -> Response:
        peer = request.client.host if request.client else ""
        if allowed and not is_trusted(peer, allowed):
            return Response("Not from this address.\n", status_code=403)
        given = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            challenge = {"WWW-Authenticate": 'Bearer realm="metrics"'}
            return Response("Bearer token required.\n", status_code=401, headers=challenge)
        # The format the scraper asks for (Prometheus: OpenMetrics, else the text format).
        encode, media_type = choose_encoder(request.headers.get("accept", ""))
        return Response(encode(registry()), media_type=media_type)

    return metrics


# A live gauge's file in multiprocess mode: gauge_livesum_<pid>.db, gauge_livemax_<pid>.db.
LIVE_GAUGE_FILE = re.compile(r"gauge_live[a-z]+_(\d+)\.db")


def forget_dead_workers(directory: str) -> None:
    """A worker killed by a signal never ran its shutdown (`process_stopped`), and uvicorn starts
    another in its place: its live gauges stop counting at the next scrape instead."""
    for name in os.listdir(directory):
        if (found := LIVE_GAUGE_FILE.fullmatch(name)) and not _alive(int(found[1])):
            multiprocess.mark_process_dead(int(found[1]), directory)  # type: ignore[no-untyped-call]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal: only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's: alive
        return True
    return True


def process_stopped(pid: int) -> None:
    """A worker's live gauges stop counting once it stops (multiprocess mode)."""
    if os.environ.get(MULTIPROCESS):
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
