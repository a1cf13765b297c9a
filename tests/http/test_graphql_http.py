"""The GraphQL over HTTP audit of graphql-http (npm `graphql-http`, `auditServer`): a check of
the spec written by the protocol's own maintainers, run against a real API process. Every audit
passes: no error and no warning."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.neo4j import Neo4jServer
from tests.support.processes import api_process

AUDIT = Path(__file__).resolve().parent / "node" / "graphql_http_audit.mjs"


@pytest.fixture(scope="module")
def server(neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with api_process(neo4j_server, {}, tmp_path_factory.mktemp("audit") / "api.log") as base:
        yield base


def test_the_graphql_over_http_audit_passes_without_warnings(server: str) -> None:
    done = subprocess.run(
        ["node", str(AUDIT), f"{server}/graphql"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert (counts["warn"], counts["error"]) == (0, 0), done.stderr
    assert counts["ok"] >= 59  # the audits of graphql-http 1.23


APOLLO = Path(__file__).resolve().parent / "node" / "apollo_persisted_queries.mjs"
SIGN_UP = "mutation ($input: SignUpInput!) { signUp(input: $input) { token errors { code } } }"


def test_apollo_clients_persisted_queries_link_falls_back_once_then_runs_by_hash(
    server: str,
) -> None:
    """A frontend that turns on Apollo Client's persisted-queries link (GET for hashed
    queries): the first run misses and sends the text, the second runs by its hash alone."""
    handle = f"apq-{uuid.uuid4().hex[:12]}"
    account = {
        "handle": handle,
        "name": "Apq Member",
        "email": f"{handle}@example.org",
        "password": "a password long enough",
    }
    answer = httpx.post(
        f"{server}/graphql", json={"query": SIGN_UP, "variables": {"input": account}}
    )
    token = answer.json()["data"]["signUp"]["token"]
    done = subprocess.run(
        ["node", str(APOLLO), f"{server}/graphql", token],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    emails = [run["viewer"]["email"] for run in result["runs"]]
    assert emails == [account["email"]] * 2
    # The link accepts application/graphql-response+json, where a request that never executed
    # answers 400 (GraphQL over HTTP; application/json gets 200, as Apollo Server answers).
    assert result["sent"] == [
        {"method": "GET", "withText": False, "status": 400, "codes": ["PERSISTED_QUERY_NOT_FOUND"]},
        {"method": "POST", "withText": True, "status": 200, "codes": []},
        {"method": "GET", "withText": False, "status": 200, "codes": []},
    ]
