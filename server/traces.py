"""Traces with OpenTelemetry: one span per HTTP request (a child of the caller's W3C
`traceparent`), one for its GraphQL operation, one per Cypher query by its .cypher file's name,
and one per event a subscription delivers. Configured by the standard OTEL_* variables: OTLP
over HTTP with protobuf to OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER and its argument, OTEL_BSP_* for the batching; with no
endpoint, or OTEL_SDK_DISABLED=true, or OTEL_TRACES_EXPORTER=none, there are no traces and
nothing here costs a request more than one attribute read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from typing import Any

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from cypher.timing import on_query

log = logging.getLogger("vernetzt.traces")

_tracer: trace.Tracer | None = None  # set once traces are on in this process
_propagator = TraceContextTextMapPropagator()


def wanted(environment: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether the OTEL_* variables ask for traces."""
    if environment.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return False
    if environment.get("OTEL_TRACES_EXPORTER", "otlp").lower() == "none":
        return False
    return bool(
        environment.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or environment.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def configure(version: str) -> bool:
    """Traces on for this process when the OTEL_* variables ask for them; whether they are."""
    global _tracer
    if _tracer is not None or not wanted():
        return _tracer is not None
    # Imported only when wanted: the SDK and its exporter cost a start that asks for nothing.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    # The resource and the sampler read OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and
    # OTEL_TRACES_SAMPLER(_ARG); the exporter reads its endpoint, headers and timeout.
    attributes = {"service.version": version}
    if not os.environ.get("OTEL_SERVICE_NAME"):
        attributes["service.name"] = "vernetzt"
    provider = TracerProvider(resource=Resource.create(attributes))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    _tracer = trace.get_tracer("vernetzt", version)
    on_query(query_span)
    log.info("traces: on, over OTLP/HTTP")
    return True


def shutdown() -> None:
    """Send what is still batched (the process is stopping)."""
    provider = trace.get_tracer_provider()
    if _tracer is not None and hasattr(provider, "shutdown"):
        provider.shutdown()


def current_trace_id() -> str | None:
    """The trace id of the span under way, as 32 hex digits (the logs carry it)."""
    span = trace.get_current_span().get_span_context()
    return format(span.trace_id, "032x") if span.is_valid else None


def query_span(name: str, seconds: float) -> None:
    """A finished Cypher query as a span of the operation that ran it (cypher.timing)."""
    if _tracer is None or not trace.get_current_span().get_span_context().is_valid:
        return
    end = time.time_ns()
    span = _tracer.start_span(
        f"cypher {name}",
        kind=SpanKind.CLIENT,
        start_time=end - int(seconds * 1e9),
        attributes={"db.system.name": "neo4j", "db.query.summary": name},
    )
    span.end(end_time=end)


class RequestTraces:
    """A server span for each HTTP request, in the caller's trace when it sent `traceparent`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if _tracer is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        carrier = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        parent = _propagator.extract(carrier)
        name = f"{scope['method']} {scope['path']}"
        attributes = {"http.request.method": scope["method"], "url.path": scope["path"]}
        with _tracer.start_as_current_span(
            name, context=parent, kind=SpanKind.SERVER, attributes=attributes
        ) as span:

            async def sending(message: Message) -> None:
                if message["type"] == "http.response.start":
                    span.set_attribute("http.response.status_code", message["status"])
                    if message["status"] >= 500:
                        span.set_status(Status(StatusCode.ERROR))
                await send(message)

            await self.app(scope, receive, sending)


class OperationSpan(SchemaExtension):
    """A span for the GraphQL operation: parsing, validation and execution."""

    def on_operation(self) -> Iterator[None]:
        if _tracer is None:
            yield
            return
        with _tracer.start_as_current_span("graphql.operation") as span:
            yield
            execution = self.execution_context
            name = execution.operation_name or "anonymous"
            with contextlib.suppress(Exception):  # a document that did not parse has no type
                kind = execution.operation_type.value
                span.update_name(f"{kind} {name}")
                span.set_attribute("graphql.operation.type", kind)
            span.set_attribute("graphql.operation.name", name)
            result = execution.result
            errors = getattr(result, "errors", None) or execution.pre_execution_errors or ()
            codes = [(error.extensions or {}).get("code") for error in errors]
            if codes:
                span.set_attribute("graphql.error.codes", [str(code) for code in codes])


def operation_extensions() -> list[type[SchemaExtension]]:
    return [OperationSpan]


async def delivered(events: AsyncIterator[Any], operation: str | None) -> AsyncGenerator[Any, None]:
    """`events` of a subscription, each one's delivery in a span of its own: the root of a
    trace of its own (a subscription lives for hours, longer than a trace should), linked to
    the subscription's span."""
    async for event in events:
        if _tracer is None:
            yield event
            continue
        subscription = trace.get_current_span().get_span_context()
        links = [trace.Link(subscription)] if subscription.is_valid else []
        with _tracer.start_as_current_span(
            f"subscription {operation or 'anonymous'} event",
            context=Context(),  # a root
            kind=SpanKind.PRODUCER,
            links=links,
        ):
            yield event
