"""The metrics' labels stay bounded whatever a client sends (server/metrics.py): outcomes are
the API's own codes, operation names are those the document names; and a killed worker's live
gauges stop counting."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import GraphQLError
from prometheus_client import REGISTRY
from starlette.types import Receive, Scope, Send

from server import metrics


def test_an_outcome_is_ok_or_one_of_the_apis_own_codes() -> None:
    assert metrics.outcome_of({"follow": {"errors": []}}, None) == "ok"
    assert metrics.outcome_of({"follow": {"errors": [{"code": "SELF_ACTION"}]}}, None) == (
        "SELF_ACTION"
    )
    # An alias named `errors` puts any text where a payload's codes are: not a label.
    aliased = {"c": {"errors": [{"code": "a member's headline"}]}}
    assert metrics.outcome_of(aliased, None) == "other"
    limited = GraphQLError("slow down", extensions={"code": "RATE_LIMITED"})
    assert metrics.outcome_of(None, [limited]) == "RATE_LIMITED"
    assert metrics.outcome_of(None, [GraphQLError("?", extensions={"code": "MADE_UP"})]) == "other"


def test_every_code_of_a_result_is_listed_for_its_log_line() -> None:
    limited = GraphQLError("slow down", extensions={"code": "RATE_LIMITED"})
    refused = {"code": "SELF_ACTION"}, {"code": "NOT_FOUND"}
    data = {"a": {"errors": list(refused)}, "b": {"errors": []}, "c": None}
    assert metrics.codes_of(data, [limited]) == ["RATE_LIMITED", "SELF_ACTION", "NOT_FOUND"]
    assert metrics.codes_of({"follow": {"errors": []}}, None) == []


async def counted(operation_name: str | None, query: str) -> dict[str, float]:
    """The requests counted by operation label after one request naming `operation_name`."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        metrics.name_operation(operation_name, query)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    def samples() -> dict[str, float]:
        found: dict[str, float] = {}
        for family in REGISTRY.collect():
            for sample in family.samples:
                if sample.name == "vernetzt_requests_total":
                    label = sample.labels["operation"]
                    found[label] = found.get(label, 0) + sample.value
        return found

    before = samples()
    transport = httpx.ASGITransport(app=metrics.RequestMetrics(app))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        await client.post("/graphql")
    after = samples()
    return {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}


async def test_an_operation_counts_under_a_name_its_document_gives_it() -> None:
    document = "query LabelOne { viewer { email } } query LabelTwo { viewer { email } }"
    assert await counted("LabelTwo", document) == {"LabelTwo": 1}
    assert await counted(None, document) == {"LabelOne": 1}
    # A name the document does not give is not a label: the document's own is.
    assert await counted("Anything-Else", document) == {"LabelOne": 1}
    assert await counted("Invented", "{ viewer { email } }") == {"anonymous": 1}


def test_labels_beyond_the_budget_count_as_other(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "_operations", set())  # this process's labels stay as they are
    monkeypatch.setattr(metrics, "_release", set())
    budget: list[Any] = []
    for n in range(metrics.MAX_OPERATIONS + 5):
        budget.append(metrics._bounded(f"Made{n}"))
    assert budget[-1] == "other"
    metrics.know_operations(["query Released { viewer { email } }"])
    assert metrics._bounded("Released") == "Released"  # the release's own, always


def test_a_killed_workers_live_gauges_go_at_the_next_scrape(tmp_path: Path) -> None:
    """uvicorn replaces a worker killed by a signal, which never ran its shutdown: the files of
    its live gauges go, a live worker's and every counter's stay."""
    dead = subprocess.Popen(["true"])  # a process that has ended: its pid is free
    dead.wait()
    names = [f"gauge_livesum_{dead.pid}.db", f"gauge_livemax_{dead.pid}.db"]
    kept = [f"gauge_livesum_{os.getpid()}.db", f"counter_{dead.pid}.db"]
    for name in names + kept:
        (tmp_path / name).touch()
    metrics.forget_dead_workers(str(tmp_path))
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(kept)
