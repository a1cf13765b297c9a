"""The GraphQL over HTTP audit of graphql-http (npm `graphql-http`, `auditServer`): a check of
the spec written by the protocol's own maintainers, run against a real API process. Every audit
passes: no error and no warning."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

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
