"""The ASGI entry point: Starlette routes around the Strawberry app; the lifespan owns the driver.

uvicorn --factory server.app:main_app      (settings from the environment)
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import tomllib
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast

import orjson
from neo4j.exceptions import (
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from cypher import network_index
from cypher.breaker import on_breaker
from cypher.database import Database, on_sessions, open_driver
from cypher.migrate import apply_migrations, is_migrated
from cypher.timing import on_query
from resolvers import data_export
from resolvers.access import addresses
from resolvers.access.passwords import Passwords
from resolvers.access.rate_limits import Limits
from resolvers.access.read_budget import ReadBudget
from resolvers.errors import RateLimited, Refused, Unauthenticated
from resolvers.housekeeping import Housekeeping
from resolvers.live import subscriptions
from resolvers.live.hub import Hub
from resolvers.live.sockets import Sockets
from resolvers.request.bookmarks import HEADER as BOOKMARK_HEADER
from resolvers.request.bookmarks import InvalidBookmark
from resolvers.request.context import Caller, Context, Live, Services, build_context
from schema.root import build_schema
from server import logs, metrics, traces
from server.errors import error_response, unreachable_response
from server.middleware import BodySizeLimit, GraphQLResponseMediaType, SecurityHeaders
from server.persisted import PersistedQueries, PersistedQueryRefused, read_operations
from server.timing import ServerTiming
from server.websocket import LiveHandler, TextFrames
from settings import Settings, load_settings

if TYPE_CHECKING:  # strawberry's request adapter, from the package it comes from
    from cross_web import AsyncHTTPRequestAdapter
    from strawberry.http.base import BaseRequestProtocol

log = logging.getLogger("vernetzt")

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
# Every operation of the web client, by hash: known from the start (server/persisted.py).
OPERATIONS = WEB / "operations.json"
# The few vendored files the offline playground needs, out of web/node_modules (`npm ci`).
VENDOR = {
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
    # The playground's subscriptions: the protocol's reference client (R27).
    "graphql-ws.min.js": "graphql-ws/umd/graphql-ws.min.js",
}


class GraphQLApp(GraphQL[Context, None]):
    # Subscriptions over graphql-transport-ws only (R27), with the limits of server/websocket.py.
    graphql_transport_ws_handler_class = LiveHandler
    websocket_adapter_class = TextFrames

    def __init__(self, services: Services) -> None:
        super().__init__(
            build_schema(services.settings, traces.operation_extensions()),
            graphql_ide="graphiql" if services.settings.graphql_ide else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            allowed_origins=list(services.settings.cors_origins),
            # A socket holds a little memory before it says who it is: not for long.
            connection_init_wait_timeout=timedelta(seconds=services.settings.socket_init_seconds),
        )
        self.services = services
        operations = read_operations(OPERATIONS)
        self.persisted = PersistedQueries(operations, services.settings.trusted_operations_only)
        metrics.know_operations(operations.values())

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """A GET without a query is the playground, unless it names a persisted query."""
        persisted = request.query_params.get("extensions") is not None
        return not persisted and super().should_render_graphql_ide(request)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """A request as sent, or, where it names a persisted query, with that query's text."""
        data = await super().parse_http_body(request)
        assert not isinstance(data, list)  # no batching: strawberry refuses a list first
        logs.keep_secret(data.variables)
        logs.keep_document_secret(data.query)
        metrics.name_operation(data.operation_name, data.query)
        resolved = self.persisted.resolve(data)
        metrics.name_operation(resolved.operation_name, resolved.query)
        return resolved

    # orjson reads and writes JSON several times faster than the standard library; its
    # JSONDecodeError is the standard one's subclass, so a malformed body still answers 400.
    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def render_graphql_ide(self, request: Request) -> Response:
        # Strawberry's own page loads GraphiQL from a CDN; ours loads the vendored copy.
        return FileResponse(WEB / "public" / "playground.html", media_type="text/html")

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        if isinstance(request, WebSocket):  # the member is named later, by connection_init
            return await build_context(self.services, None)
        assert isinstance(response, Response)
        context = await build_context(self.services, self.caller(request))
        request.state.context, request.state.sub_response = context, response
        return context

    def caller(self, request: Request) -> Caller:
        """What the work needs of the request, as plain values: the token, the bookmarks and
        the key of the client's address (behind trusted proxies, X-Forwarded-For's)."""
        peer = request.client.host if request.client else None
        forwarded_for = ",".join(request.headers.getlist("x-forwarded-for"))  # each proxy's line
        trusted = self.services.settings.trusted_proxies
        return Caller(
            authorization=request.headers.get("authorization"),
            bookmarks=request.headers.get(BOOKMARK_HEADER),
            address=addresses.limit_key(addresses.client_address(peer, forwarded_for, trusted)),
        )

    async def on_ws_connect(self, context: Context) -> UnsetType:
        """connection_init: a missing, bad, expired or ended token closes with 4403 (R27)."""
        try:
            await subscriptions.admit(context)
        except Unauthenticated as refused:
            raise ConnectionRejectionError from refused
        return cast(UnsetType, UNSET)  # connection_ack without a payload

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Answer only once the token's session is confirmed (R24): an ended one gets 401.
        A request that wrote on a cluster answers with its bookmark (read-your-writes)."""
        context: Context = request.state.context
        await context.confirm_session()
        if bookmark := await context.bookmark_header():
            context.answer.headers[BOOKMARK_HEADER] = bookmark
        response: Response = request.state.sub_response
        if context.answer.status is not None:
            response.status_code = context.answer.status
        response.headers.update(context.answer.headers)
        if request.method == "GET":  # a query a cache in front may keep, but never a member's
            response.headers["Vary"] = "Authorization, Vernetzt-Bookmark"
            if request.headers.get("authorization"):
                response.headers["Cache-Control"] = "private, no-store"
        codes = metrics.codes_of(result.data, result.errors)
        metrics.answered(codes[0] if codes else "ok", codes)
        if "EXPORT_LIMIT" in codes:  # R28's one export an hour, a limit of its own
            metrics.limited("exports")
        for error in result.errors or ():
            if isinstance(error.original_error, RateLimited):
                metrics.limited(error.original_error.limit)
        return await super().process_result(request, result)


async def database_unreachable(request: Request, error: Exception) -> Response:
    """The viewer's token could not be checked: the database is down (contract: 503)."""
    log.warning("database unreachable: %s", error)
    return unreachable_response()


async def unauthenticated(request: Request, error: Exception) -> Response:
    """A bad, expired or ended token refuses the whole request (contract: UNAUTHENTICATED)."""
    challenge = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    return error_response(401, str(error), "UNAUTHENTICATED", challenge)


async def persisted_query_refused(request: Request, error: Exception) -> Response:
    """A persisted query this process does not know, or one sent wrong (server/persisted.py)."""
    assert isinstance(error, PersistedQueryRefused)
    return error_response(error.status, error.message, error.code, error.headers, with_data=False)


async def invalid_bookmark(request: Request, error: Exception) -> Response:
    """A bookmark header this service did not issue: refused before any query waits on it."""
    return error_response(400, str(error), InvalidBookmark.code)


def build_version() -> str:
    """This build's version: pyproject.toml's, which the image carries too."""
    with (ROOT / "pyproject.toml").open("rb") as project:
        return str(tomllib.load(project)["project"]["version"])


async def neo4j_version(db: Database) -> str:
    """The server's version, for the build info; unknown while it does not answer."""
    try:
        row = await db.read_one("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
    except (DriverError, Neo4jError):
        return "unknown"
    return str(row["v"]) if row else "unknown"


class Readiness:
    """Ready when Neo4j answers and holds every migration; migrates late if it was down at start,
    and finds out then whether it serves the network index (cypher/network_index.py)."""

    def __init__(self, db: Database, wants_index: bool) -> None:
        self.db = db
        self.migrated = False
        self.wants_index = wants_index  # VERNETZT_NETWORK_INDEX
        self.detected = False

    async def ensure(self) -> bool:
        try:
            # Fails at once when nothing listens, instead of retrying like a transaction would.
            await self.db.driver.verify_connectivity()
            if not self.migrated:
                await apply_migrations(self.db)
            self.migrated = await is_migrated(self.db)
            if not self.detected:
                await network_index.detect(self.db, self.wants_index)
                self.detected = True
        except (DriverError, Neo4jError) as error:
            log.warning("Neo4j not ready: %s", error)
            self.migrated = False
        return self.migrated


def create_app(
    settings: Settings, db: Database | None = None, clock: Callable[[], datetime] | None = None
) -> Starlette:
    """The app; with `db` given, the caller owns the driver (tests), else the lifespan does.
    `clock` replaces the wall clock (tests)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Before the first query, so that every session opened is seen closing.
        on_sessions(metrics.sessions_changed)
        on_breaker(metrics.breaker_changed)
        driver = None
        database = db
        if database is None:
            driver = open_driver(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
            database = Database(
                driver,
                settings.neo4j_database,
                settings.db_timeout_seconds,
                check_rows=settings.checks_rows,
            )
        services = Services(database, settings, Passwords(settings), Limits(settings))
        if clock is not None:
            services = dataclasses.replace(services, clock=clock)
        hub = Hub(database, settings, services.clock, on_poll=metrics.LIVE_POLL_SECONDS.set)
        live = Live(hub, Sockets(database, settings))
        reads = ReadBudget(database, settings)
        services = dataclasses.replace(services, live=live, reads=reads)
        readiness = Readiness(database, settings.network_index)
        await readiness.ensure()
        housekeeping = Housekeeping(database, settings, services.clock, on_swept=metrics.swept)
        housekeeping.start()
        on_query(metrics.observe_query)
        metrics.build_info(build_version(), await neo4j_version(database))
        app.state.readiness = readiness
        app.state.graphql = GraphQLApp(services)
        try:
            yield
        finally:
            await housekeeping.close()
            await live.hub.close()
            await live.sockets.close()
            await reads.close()
            await database.breaker.stop()
            if driver is not None:
                await driver.close()
            metrics.process_stopped(os.getpid())
            traces.shutdown()

    async def healthz(request: Request) -> Response:
        # Which process answered: behind one port, several workers take turns (WORKERS).
        return JSONResponse({"status": "ok", "pid": os.getpid()})

    async def readyz(request: Request) -> Response:
        ready = await request.app.state.readiness.ensure()
        return PlainTextResponse(
            "ready" if ready else "not ready", status_code=200 if ready else 503
        )

    # Operators only: no endpoint unless a token is set (docs/operations.md).
    scrape = [
        Route("/metrics", metrics.endpoint(settings.metrics_token, settings.metrics_addresses))
    ]
    return Starlette(
        routes=[
            *(scrape if settings.metrics_token else []),
            Route("/graphql", GraphQLRoute(), methods=["GET", "POST"]),
            WebSocketRoute("/graphql", GraphQLRoute()),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/export", export_download, methods=["GET"]),
            Route("/vendor/{name}", vendor),
            # The web client: plain files, no build step; `html=True` serves index.html at /.
            Mount("/", StaticFiles(directory=WEB / "public", html=True, check_dir=False)),
        ],
        lifespan=lifespan,
        exception_handlers={
            Unauthenticated: unauthenticated,
            InvalidBookmark: invalid_bookmark,
            PersistedQueryRefused: persisted_query_refused,
            ServiceUnavailable: database_unreachable,
            SessionExpired: database_unreachable,
            # Busy, or not yet at the client's bookmark, when the token's session was checked.
            TransientError: database_unreachable,
        },
        middleware=[
            # Outermost, so that `total` covers everything the server does for a request.
            Middleware(ServerTiming),
            Middleware(metrics.RequestMetrics),
            Middleware(traces.RequestTraces),
            # Within the metrics, so that its line reads what they learnt of the request.
            Middleware(logs.RequestLogs),
            Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
            Middleware(SecurityHeaders, production=settings.is_production),
            Middleware(GraphQLResponseMediaType),
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", BOOKMARK_HEADER],
                expose_headers=[BOOKMARK_HEADER],
                max_age=600,
            ),
        ],
    )


async def export_download(request: Request) -> Response:
    """GET /export with the bearer token: the member's data export (R28) as a download, the
    same document as requestDataExport's, written as it is read, of any size (docs/account.md).
    Counted against the same interval; refused as the mutation would be, before any byte."""
    graphql: GraphQLApp = request.app.state.graphql
    context = await build_context(graphql.services, graphql.caller(request))
    try:
        await context.confirm_session()
        chunks = data_export.download(context)
        first = await anext(chunks)
    except Refused as refused:
        refusal = refused.refusals[0]
        seconds = (refusal.retry_after - context.now).total_seconds() if refusal.retry_after else 0
        retry = {"Retry-After": str(max(1, int(seconds) + 1))}
        return error_response(429, refusal.message, refusal.code.value, retry)
    finally:
        context.discard_session()

    async def document() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    attachment = {"Content-Disposition": 'attachment; filename="vernetzt-export.json"'}
    return StreamingResponse(document(), media_type="application/json", headers=attachment)


async def vendor(request: Request) -> Response:
    """One of the vendored playground files, or 404 (nothing else of node_modules is served)."""
    relative = VENDOR.get(request.path_params["name"])
    path = WEB / "node_modules" / relative if relative else None
    if path is None or not path.is_file():
        return PlainTextResponse("Not found (run `make web` to vendor it).", status_code=404)
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})


class GraphQLRoute:
    """ASGI app that hands the request to the GraphQL app the lifespan built."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await scope["app"].state.graphql(scope, receive, send)
        finally:
            # A request refused before it ran (malformed body, 405) leaves its session check.
            if context := scope.get("state", {}).get("context"):
                context.discard_session()


def main_app() -> Starlette:
    """Factory for uvicorn (`uvicorn --factory server.app:main_app`): settings from the
    environment."""
    settings = load_settings()
    logs.configure(settings.log_level)
    traces.configure(build_version())
    return create_app(settings)
