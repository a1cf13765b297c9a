"""Traces (server/traces.py) received by a real Jaeger (built from the Go module proxy by
make tools, scripts/jaeger): a request sent with a W3C `traceparent` makes one trace in Jaeger
holding the request's span as the caller's child, the GraphQL operation's span within it, and
a span for each Cypher query by its .cypher file's name; the request's log line carries the
same trace id."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from cypher.database import Database
from tests.support.client import SIGN_UP, Api
from tests.support.live import live
from tests.support.neo4j import Neo4jServer, free_port
from tests.support.processes import ROOT, api_process

JAEGER = ROOT / ".tools" / "jaeger"
CONFIG = """
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 10000
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:{query}
    grpc:
      endpoint: 127.0.0.1:{grpc}
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:{otlp}
processors:
  batch:
    timeout: 100ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
"""
TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
CALLER_SPAN = "b7ad6b7169203331"
TRACEPARENT = f"00-{TRACE_ID}-{CALLER_SPAN}-01"
PROFILE = "query TracedProfile($h: String!) { member(handle: $h) { name connectionCount } }"


@pytest.fixture
def jaeger(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A Jaeger with its memory store: (its OTLP/HTTP endpoint, its query API)."""
    if not JAEGER.is_file():
        if os.environ.get("CI"):
            pytest.fail("no Jaeger (make tools builds it from scripts/jaeger)")
        pytest.skip("no Jaeger (make tools builds it from scripts/jaeger)")
    otlp, query, grpc = free_port(), free_port(), free_port()
    config = tmp_path / "jaeger.yaml"
    config.write_text(CONFIG.format(otlp=otlp, query=query, grpc=grpc))
    with (tmp_path / "jaeger.log").open("wb") as output:
        process = subprocess.Popen(
            [str(JAEGER), f"--config={config}"], stdout=output, stderr=subprocess.STDOUT
        )
    api = f"http://127.0.0.1:{query}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(f"{api}/api/services"):
            assert process.poll() is None, (tmp_path / "jaeger.log").read_text()
            assert time.monotonic() < deadline, "Jaeger not ready"
            time.sleep(0.2)
        yield f"http://127.0.0.1:{otlp}", api
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def spans_of(
    url: str, wanted: int, params: dict[str, Any] | None = None, name: str | None = None
) -> list[dict[str, Any]]:
    """The spans (named `name`, if given) of the traces Jaeger answers at `url`, once it holds
    `wanted` of them, or all it holds after 30 s (the exporter sends its batches every 100 ms)."""
    deadline = time.monotonic() + 30
    found: list[dict[str, Any]] = []
    while len(found) < wanted and time.monotonic() < deadline:
        time.sleep(0.3)
        answer = httpx.get(url, params=params, timeout=5)
        if answer.status_code == 200:
            traces = answer.json()["data"] or []
            spans = [span for item in traces for span in item["spans"]]
            found = [span for span in spans if name is None or span["operationName"] == name]
    return found


def keep_for_the_record(spans: list[dict[str, Any]]) -> None:
    """The trace as Jaeger holds it, in short, for docs/operations.md (test-artifacts/)."""
    tree = [
        {
            "name": span["operationName"],
            "span": span["spanID"],
            "parent": parent_of(span),
            "microseconds": span["duration"],
        }
        for span in sorted(spans, key=lambda span: span["startTime"])
    ]
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    record = {"traceID": TRACE_ID, "spans": tree}
    (ROOT / "test-artifacts" / "trace.json").write_text(json.dumps(record, indent=2) + "\n")


def tracing_env(otlp: str, service: str) -> dict[str, str]:
    """An API process's settings for traces to `otlp` as `service`, batches sent every 100 ms."""
    return {
        "OTEL_EXPORTER_OTLP_ENDPOINT": otlp,
        "OTEL_SERVICE_NAME": service,
        "OTEL_BSP_SCHEDULE_DELAY": "100",
    }


def parent_of(span: dict[str, Any]) -> str | None:
    refs = [ref for ref in span.get("references", []) if ref["refType"] == "CHILD_OF"]
    return refs[0]["spanID"] if refs else None


def test_a_request_makes_one_trace_from_the_callers_span_to_each_cypher_query(
    neo4j_server: Neo4jServer, tmp_path: Path, jaeger: tuple[str, str]
) -> None:
    otlp, query_api = jaeger
    env = tracing_env(otlp, "vernetzt-traced")
    log = tmp_path / "api.log"
    with api_process(neo4j_server, env, log) as base:
        account = {"handle": "traced", "name": "T", "email": "t@example.org", "password": "x" * 12}
        httpx.post(f"{base}/graphql", json={"query": SIGN_UP, "variables": {"input": account}})
        answer = httpx.post(
            f"{base}/graphql",
            json={"query": PROFILE, "variables": {"h": "traced"}},
            headers={"traceparent": TRACEPARENT},
        )
        assert answer.status_code == 200
        assert answer.json()["data"]["member"]["name"] == "T"
        spans = spans_of(f"{query_api}/api/traces/{TRACE_ID}", wanted=3)
    keep_for_the_record(spans)
    by_name = {span["operationName"]: span for span in spans}
    request = by_name.get("POST /graphql")
    operation = by_name.get("query TracedProfile")
    queries = [span for name, span in by_name.items() if name.startswith("cypher ")]
    assert request is not None, sorted(by_name)
    assert operation is not None, sorted(by_name)
    assert queries, sorted(by_name)
    assert {span["traceID"] for span in spans} == {TRACE_ID}  # one trace, the caller's
    assert parent_of(request) == CALLER_SPAN
    assert parent_of(operation) == request["spanID"]
    assert all(parent_of(span) == operation["spanID"] for span in queries)
    assert all(span["duration"] > 0 for span in queries)  # microseconds of database time
    # Named after their .cypher files (read together: their names joined by `+`), never text.
    files = {name.removeprefix("cypher ") for name in by_name if name.startswith("cypher ")}
    assert all(
        (ROOT / "cypher" / f"{part}.cypher").is_file() for f in files for part in f.split("+")
    )
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    traced = [line for line in lines if line.get("operation") == "TracedProfile"]
    assert [line["trace_id"] for line in traced] == [TRACE_ID]  # the logs carry it


ALERTS = "subscription Alerts { notificationAdded { id kind } }"
FOLLOW = "mutation ($id: ID!) { follow(id: $id) { errors { code } } }"


async def test_each_event_a_subscription_delivers_has_a_span_of_its_own(
    db: Database, neo4j_server: Neo4jServer, tmp_path: Path, jaeger: tuple[str, str]
) -> None:
    otlp, query_api = jaeger
    env = {**tracing_env(otlp, "vernetzt-live"), "VERNETZT_LIVE_POLL_MS": "50"}
    with api_process(neo4j_server, env, tmp_path / "api.log") as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            api = Api(client)
            star, fans = await api.sign_up(), [await api.sign_up() for _ in range(2)]
            async with live(base) as socket:
                assert await socket.init(star.token) == {"type": "connection_ack"}
                payload = {"query": ALERTS, "operationName": "Alerts"}
                await socket.send({"id": "1", "type": "subscribe", "payload": payload})
                await asyncio.sleep(0.5)  # the subscription is open once its start is read
                for fan in fans:
                    assert (await api.data(FOLLOW, {"id": star.id}, fan.token))["follow"] == {
                        "errors": []
                    }
                    assert (await socket.receive())["type"] == "next"
        service = {"service": "vernetzt-live", "limit": 100}
        events = spans_of(f"{query_api}/api/traces", 2, service, "subscription Alerts event")
    assert len(events) == 2  # one per delivered event
    assert len({span["traceID"] for span in events}) == 2  # each the root of its own trace
    assert all(parent_of(span) is None for span in events)
    links = {ref["spanID"] for span in events for ref in span["references"]}
    assert len(links) == 1  # both linked to the subscription's span
