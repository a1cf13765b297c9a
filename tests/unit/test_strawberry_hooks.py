"""Strawberry's private or undocumented hooks that the code relies on, one test each.

A Strawberry upgrade may rename, move or stop calling any of these without a deprecation
warning; the code would then keep running, only wrongly (errors unmasked or without codes,
guards bypassed, caches never hit, descriptions lost). Each test is named for the upgrade it
guards and fails loudly instead. No database, no network: tiny schemas of this module's own,
the served schema's types, and the ASGI app driven in-process.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import httpx
import pytest
import strawberry
import strawberry.schema.schema as strawberry_schema_module
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
)
from neo4j.exceptions import ServiceUnavailable
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import SchemaExtension
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.base import get_object_definition

from resolvers.request.context import Answer, Context
from schema import pipeline
from schema.pipeline.caches import LruByText, ParseByText, ValidationByText
from schema.pipeline.guards import RequestGuards
from schema.pipeline.lookahead import asked
from schema.pipeline.masking import MaskUnexpectedErrors
from schema.relay import DatedEdge, DescribedPerNode, described_per_node
from server.app import GraphQLApp
from server.persisted import PersistedQueries, PersistedQueryRefused
from settings import Settings

if TYPE_CHECKING:
    from cross_web import AsyncHTTPRequestAdapter

T = TypeVar("T")

# -- a tiny schema of our own ----------------------------------------------------------------


@dataclass
class Seen:
    """What the resolvers below saw: each `friends` resolution's look-ahead and raw info."""

    asked: list[frozenset[str]] = field(default_factory=list)
    raw_infos: list[Any] = field(default_factory=list)


@dataclass
class TinyContext:
    """The attributes of resolvers.request.context.Context that the pipeline reads."""

    answer: Answer = field(default_factory=Answer)
    lookahead: dict[tuple[tuple[int, ...], str | None], frozenset[str]] = field(
        default_factory=dict
    )
    seen: Seen = field(default_factory=Seen)
    confirmed: int = 0

    async def confirm_session(self) -> None:
        self.confirmed += 1

    async def bookmark_header(self) -> str | None:
        return None  # one server: no bookmark to answer with


@strawberry.type
class Item:
    name: str


@strawberry.type
class Person:
    name: str
    degree: int = 1
    follower_count: int = 0

    @strawberry.field
    def connections(self) -> list[Person]:
        return []

    @strawberry.field
    def friends(self, info: strawberry.Info[TinyContext, None]) -> list[Person]:
        info.context.seen.raw_infos.append(getattr(info, "_raw_info", None))
        info.context.seen.asked.append(asked(info))
        return [Person(name=f"{self.name}'s friend")]


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "hi"

    @strawberry.field
    def boom(self) -> str | None:
        raise ValueError("a detail the client must not see")

    @strawberry.field
    def refused(self) -> str | None:
        raise GraphQLError("Refused, without a code.")

    @strawberry.field
    def unreachable(self) -> str | None:
        raise ServiceUnavailable("no database here")

    @strawberry.field
    def items(self, first: int = 10) -> list[Item]:
        return [Item(name=str(n)) for n in range(min(first, 3))]

    @strawberry.field
    def people(self) -> list[Person]:
        return [Person(name=name) for name in ("Ada", "Bo", "Cy")]


DESCRIBED = "When the item came."


@strawberry.type(name="Edge")
class TinyEdge(Generic[T]):
    node: T
    since: int | None = described_per_node(Item=DESCRIBED)


@strawberry.type
class GenericQuery:
    @strawberry.field
    def item_edge(self) -> TinyEdge[Item]:
        return TinyEdge(node=Item(name="a"), since=1)

    @strawberry.field
    def person_edge(self) -> TinyEdge[Person]:
        return TinyEdge(node=Person(name="b"), since=2)


def tiny_schema(*extensions: Any) -> strawberry.Schema:
    return strawberry.Schema(query=Query, extensions=list(extensions))


def fields_of(schema: GraphQLSchema, name: str) -> dict[str, GraphQLField]:
    type_ = schema.type_map[name]
    assert isinstance(type_, GraphQLObjectType), name
    fields: dict[str, GraphQLField] = type_.fields
    return fields


def codes(result: ExecutionResult) -> list[str]:
    return [(error.extensions or {}).get("code", "") for error in result.errors or ()]


def spy_on(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    """Count the calls Strawberry makes to `name` of strawberry.schema.schema. Raises when the
    name is gone: the hook's test must then be pointed at whatever Strawberry calls now."""
    calls: list[tuple[Any, ...]] = []
    original = getattr(strawberry_schema_module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema_module, name, spy)
    return calls


class Record(SchemaExtension):
    """Keeps each request's execution context, to look at after the request."""

    def __init__(self, contexts: list[ExecutionContext]) -> None:
        self.contexts = contexts

    def on_operation(self) -> Iterator[None]:
        yield
        self.contexts.append(self.execution_context)


# -- schema/pipeline/masking.py ----------------------------------------------------------------


async def test_strawberry_upgrade_keeps_mask_errors_process_errors_hook() -> None:
    """MaskUnexpectedErrors overrides MaskErrors' private `_process_errors` to give every
    top-level error its code and mask the unexpected ones. Should Strawberry rename it or stop
    calling it, errors would reach the client without codes (the contract requires one) and
    SERVICE_UNAVAILABLE / RATE_LIMITED would lose their HTTP status."""
    schema = tiny_schema(MaskUnexpectedErrors)

    result = await schema.execute("{ hello boom refused }")
    assert result.data == {"hello": "hi", "boom": None, "refused": None}
    errors = {tuple(error.path or ()): error for error in result.errors or ()}
    assert errors[("boom",)].message == "Internal server error."
    assert errors[("boom",)].extensions == {"code": "INTERNAL_SERVER_ERROR"}
    assert errors[("refused",)].message == "Refused, without a code."
    assert errors[("refused",)].extensions == {"code": "BAD_USER_INPUT"}

    invalid = await schema.execute("{ nope }")  # refused by validation, before execution
    assert invalid.data is None
    assert codes(invalid) == ["BAD_USER_INPUT"]

    syntax = await schema.execute("{ hello")  # refused by the parser
    assert codes(syntax) == ["BAD_USER_INPUT"]


async def test_strawberry_upgrade_keeps_limiter_messages_that_masking_classifies() -> None:
    """masking.LIMITER_MESSAGES recognises Strawberry's depth and alias limiters and the token
    limit (MaxTokensLimiter's parse option) by the text of their messages, which carry no code
    of their own. Should an upgrade reword one, that refusal would be coded BAD_USER_INPUT
    instead of the contract's QUERY_TOO_COMPLEX."""
    settings = Settings(max_query_depth=2, max_aliases=1, max_tokens=20)
    schema = tiny_schema(*pipeline.extensions(settings))

    for query in (
        "{ people { friends { friends { name } } } }",  # too deep
        "{ a: hello b: hello c: hello }",  # too many aliases
        "{ " + "hello " * 30 + "}",  # too many tokens
    ):
        result = await schema.execute(query, context_value=TinyContext())
        assert result.data is None, query
        assert codes(result) == ["QUERY_TOO_COMPLEX"], (query, result.errors)


# -- schema/pipeline/guards.py -----------------------------------------------------------------


async def test_strawberry_upgrade_keeps_schema_underscore_schema() -> None:
    """RequestGuards._check_cost reads `execution_context.schema._schema`, the graphql-core
    schema behind a strawberry.Schema, to learn each list field's default `first`. Should it
    be renamed, every request would fail in the guard instead of being priced."""
    schema = tiny_schema(lambda: RequestGuards(Settings(max_query_cost=10)))
    assert isinstance(schema._schema, GraphQLSchema)
    assert "items" in fields_of(schema._schema, "Query")

    # `items` defaults to 10, so 1 + 10 * 1 = 11, over the limit of 10: priced from _schema.
    result = await schema.execute("{ items { name } }")
    assert result.data is None
    assert codes(result) == ["QUERY_TOO_COMPLEX"]
    assert "would cost 11" in (result.errors or [])[0].message


async def test_strawberry_upgrade_keeps_answering_with_pre_execution_errors_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RequestGuards refuses a request by setting `pre_execution_errors` in `on_validate`
    before yielding, relying on Strawberry then skipping validation and execution and answering
    with that error alone. Should it validate or execute anyway, an over-cost query would run
    (the guard would be no guard) or come back with validation errors beside the refusal."""
    validated = spy_on(monkeypatch, "validate_document")
    schema = tiny_schema(lambda: RequestGuards(Settings(max_query_cost=50)))

    result = await schema.execute("{ items(first: 100) { name } nope }")  # 102, and invalid
    assert result.data is None
    assert codes(result) == ["QUERY_TOO_COMPLEX"]
    assert validated == []

    allowed = await schema.execute("{ items(first: 2) { name } }")
    assert allowed.errors is None
    assert len(validated) == 1  # the spy is on Strawberry's path


async def test_strawberry_upgrade_keeps_running_extension_hooks_in_list_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pipeline.extensions lists RequestGuards before ValidationByText so that the guards see
    each request before the validation cache marks a known text as valid. Should Strawberry
    run `on_validate` hooks in another order, a text validated once would skip the guards:
    the same query with a larger `first` variable would no longer be priced."""
    validated = spy_on(monkeypatch, "validate_document")
    schema = tiny_schema(*pipeline.extensions(Settings(max_query_cost=50)))
    query = "query Items($n: Int) { items(first: $n) { name } }"

    cheap = await schema.execute(query, variable_values={"n": 3}, context_value=TinyContext())
    assert cheap.errors is None
    dear = await schema.execute(query, variable_values={"n": 100}, context_value=TinyContext())
    assert codes(dear) == ["QUERY_TOO_COMPLEX"]
    again = await schema.execute(query, variable_values={"n": 2}, context_value=TinyContext())
    assert again.errors is None
    assert len(validated) == 1  # validated once; the cache answered the third time


# -- schema/pipeline/lookahead.py --------------------------------------------------------------


async def test_strawberry_upgrade_keeps_info_raw_info_field_nodes() -> None:
    """lookahead.asked keeps its answer per request and field, keyed by the FieldNodes of
    `info._raw_info.field_nodes` (graphql-core's GraphQLResolveInfo inside strawberry's Info),
    and reads `info.selected_fields` (GraphQL names; fragment spreads and inline fragments
    with their own selections). Should `_raw_info` go, every member of a page would walk its
    selection again (silently slower); should selected_fields change shape, relations and
    counts would no longer load beside the cards."""
    schema = tiny_schema()
    context = TinyContext()
    query = """
        { people { name friends { ...Card ... on Person { followerCount } connections { degree } } } }
        fragment Card on Person { degree name }
    """  # noqa: E501

    result = await schema.execute(query, context_value=context)
    assert result.errors is None
    assert len(context.seen.raw_infos) == 3  # one `friends` per person
    for raw in context.seen.raw_infos:
        assert raw is not None, "strawberry's Info lost `_raw_info`"
        assert [node.name.value for node in raw.field_nodes] == ["friends"]
        assert all(isinstance(node, FieldNode) for node in raw.field_nodes)
    assert context.seen.asked == [frozenset({"degree", "followerCount"})] * 3
    assert len(context.lookahead) == 1, "the three persons' `friends` should share one answer"


# -- schema/pipeline/caches.py -----------------------------------------------------------------


async def test_strawberry_upgrade_keeps_skipping_parse_when_the_document_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ParseByText sets `execution_context.graphql_document` in `on_parse` before yielding,
    relying on Strawberry then skipping its own parse. Should Strawberry parse anyway, the
    cache would still answer correctly but every request would parse again (silently slower)."""
    parsed = spy_on(monkeypatch, "parse")
    cache: LruByText[DocumentNode] = LruByText(8)
    contexts: list[ExecutionContext] = []
    schema = tiny_schema(lambda: ParseByText(cache), lambda: Record(contexts))

    first = await schema.execute("{ hello }")
    assert first.data == {"hello": "hi"}
    assert len(parsed) == 1, "Strawberry no longer parses through strawberry.schema.schema.parse"
    second = await schema.execute("{ hello }")
    assert second.data == {"hello": "hi"}
    assert len(parsed) == 1, "Strawberry parsed a query whose document an extension had set"
    assert contexts[1].graphql_document is contexts[0].graphql_document


async def test_strawberry_upgrade_keeps_skipping_validation_when_errors_are_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ValidationByText sets `execution_context.pre_execution_errors` in `on_validate` before
    yielding (the cached result: [] for a valid text), relying on Strawberry then skipping
    validation, and on Strawberry leaving [] there after validating a valid document. Should
    either change, every request would be validated again (silently slower), or a cached
    refusal would no longer be answered."""
    validated = spy_on(monkeypatch, "validate_document")
    cache: LruByText[list[GraphQLError]] = LruByText(8)
    schema = tiny_schema(lambda: ValidationByText(cache))

    assert (await schema.execute("{ hello }")).data == {"hello": "hi"}
    assert len(validated) == 1, "Strawberry no longer validates through validate_document"
    assert cache.get("{ hello }") == [], "a valid document no longer leaves [] as its errors"
    assert (await schema.execute("{ hello }")).data == {"hello": "hi"}
    assert len(validated) == 1, "Strawberry validated a query whose errors an extension had set"

    first = await schema.execute("{ nope }")
    second = await schema.execute("{ nope }")
    assert len(validated) == 2
    assert first.data is None
    assert second.data is None
    assert [e.message for e in second.errors or ()] == [e.message for e in first.errors or ()]
    assert "nope" in (second.errors or [])[0].message


# -- schema/relay.py ---------------------------------------------------------------------------


def test_strawberry_upgrade_keeps_calling_copy_with_when_specialising_generics() -> None:
    """DescribedPerNode overrides StrawberryField.copy_with, relying on Strawberry to copy each
    field of a generic type through it when specialising (DatedEdge[Member] served as
    MemberEdge). Should Strawberry copy fields another way, MemberEdge.since would lose the
    description the contract documents (or every edge would get it)."""
    from schema.root import schema as served

    since = get_object_definition(DatedEdge, strict=True).get_field("since")
    assert isinstance(since, DescribedPerNode)
    sentence = since.descriptions["Member"]
    assert fields_of(served._schema, "MemberEdge")["since"].description == sentence
    assert fields_of(served._schema, "FollowableEdge")["since"].description is None

    # The same with a generic of this module's own, built now (not at import).
    tiny = strawberry.Schema(query=GenericQuery)._schema
    assert fields_of(tiny, "ItemEdge")["since"].description == DESCRIBED
    assert fields_of(tiny, "PersonEdge")["since"].description is None


def test_strawberry_upgrade_keeps_naming_specialised_generics_after_their_node() -> None:
    """relay.py names its generics `Connection` and `Edge` and relies on Strawberry naming
    each specialisation after its node type first (`Connection[Post]` as PostConnection),
    which are the contract's names. Should the naming change, the served schema would break
    the contract."""
    from schema.root import schema as served

    types = served._schema.type_map
    counted = ("MemberConnection", "FollowableConnection", "InvitationConnection")
    uncounted = (
        "PostConnection",
        "MessageConnection",
        "ConversationConnection",
        "BlockedMemberConnection",
    )
    for name in counted + uncounted:
        fields = fields_of(served._schema, name)
        edge = name.removesuffix("Connection") + "Edge"
        assert str(fields["edges"].type) == f"[{edge}!]!", name
        counts = {"totalCount", "totalCountIsExact"} if name in counted else set()
        assert set(fields) == {"edges", "pageInfo"} | counts
        assert set(fields_of(served._schema, edge)) >= {"cursor", "node"}
    assert "since" in fields_of(served._schema, "MemberEdge")
    assert "Connection" not in types
    assert "Edge" not in types


# -- server/app.py ---------------------------------------------------------------------------

OVERRIDES = (
    "decode_json",
    "encode_json",
    "render_graphql_ide",
    "get_context",
    "process_result",
    "parse_http_body",
    "should_render_graphql_ide",
)


def test_strawberry_upgrade_keeps_the_asgi_view_methods_app_overrides() -> None:
    """GraphQLApp overrides these methods of strawberry.asgi.GraphQL. Strawberry calls some of
    them with keyword arguments (`get_context(request, response=...)`,
    `process_result(request=..., result=...)`), so the names of the arguments matter too.
    Should one be renamed, Strawberry would bypass the override silently: JSON through the
    standard library, GraphiQL from a CDN, or answers sent before the session is confirmed."""
    for name in OVERRIDES:
        base = getattr(GraphQL, name, None)
        assert base is not None, f"strawberry.asgi.GraphQL.{name} is gone"
        ours = GraphQLApp.__dict__[name]
        assert list(inspect.signature(ours).parameters) == list(
            inspect.signature(base).parameters
        ), name
        assert inspect.iscoroutinefunction(ours) == inspect.iscoroutinefunction(base), name


class Probe(GraphQLApp):
    """GraphQLApp with its own overrides, recording their calls; only `get_context` (which
    needs the database) is replaced."""

    def __init__(self) -> None:
        GraphQL.__init__(
            self,
            tiny_schema(MaskUnexpectedErrors),
            graphql_ide="graphiql",
            allow_queries_via_get=True,
            subscription_protocols=(),
        )
        self.calls: list[str] = []
        self.context: TinyContext | None = None
        self.persisted = PersistedQueries()

    def decode_json(self, data: str | bytes) -> object:
        self.calls.append("decode_json")
        return super().decode_json(data)

    def encode_json(self, data: object) -> bytes:
        self.calls.append("encode_json")
        return super().encode_json(data)

    async def render_graphql_ide(self, request: Request) -> Response:
        self.calls.append("render_graphql_ide")
        return await super().render_graphql_ide(request)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        self.calls.append("get_context")
        assert isinstance(request, Request)
        assert isinstance(response, Response)
        self.context = TinyContext()
        request.state.context, request.state.sub_response = self.context, response
        return cast(Context, self.context)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        self.calls.append("parse_http_body")
        return await super().parse_http_body(request)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        self.calls.append("process_result")
        return await super().process_result(request, result)


async def test_strawberry_upgrade_keeps_calling_the_asgi_view_overrides() -> None:
    """Beyond their names (above): Strawberry's ASGI view still calls GraphQLApp's overrides,
    catches orjson's JSONDecodeError as a malformed body (400), sends bytes from encode_json,
    and GraphQLApp.process_result copies the status and headers that masking.mark_response
    sets on the context's Answer onto the sub-response passed to get_context (503 with
    Retry-After when the database is unreachable)."""
    probe = Probe()
    transport = httpx.ASGITransport(app=probe)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.post("/", json={"query": "{ hello }"})
        assert answer.status_code == 200
        assert answer.json() == {"data": {"hello": "hi"}}
        expected = ["get_context", "parse_http_body", "decode_json", "process_result"]
        assert probe.calls == [*expected, "encode_json"]
        assert probe.context is not None
        assert probe.context.confirmed == 1  # GraphQLApp.process_result confirmed the session

        probe.calls.clear()
        malformed = await client.post(
            "/", content=b"{", headers={"content-type": "application/json"}
        )
        assert malformed.status_code == 400
        assert "decode_json" in probe.calls

        probe.calls.clear()
        # A GET naming a persisted query is read as one (the app answers its refusal), not
        # taken for a browser asking for the IDE.
        persisted = {"extensions": '{"persistedQuery": {"version": 1, "sha256Hash": "00"}}'}
        with pytest.raises(PersistedQueryRefused, match="sha256Hash"):
            await client.get("/", params=persisted, headers={"accept": "text/html"})

        probe.calls.clear()
        ide = await client.get("/", headers={"accept": "text/html"})
        assert ide.status_code == 200
        assert probe.calls == ["get_context", "render_graphql_ide"]
        assert b"/vendor/graphiql.min.js" in ide.content  # our page, not Strawberry's
        assert b"unpkg" not in ide.content

        down = await client.post("/", json={"query": "{ unreachable }"})
        assert down.status_code == 503
        assert down.headers["retry-after"] == "5"
        assert down.json()["errors"][0]["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
