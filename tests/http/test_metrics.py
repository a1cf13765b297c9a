"""A real Prometheus (Debian's, make tools) scrapes a service of two worker processes: its
query API answers the request counter summed over both, equal to the requests sent, and the
operation's latency histogram (server/metrics.py, multiprocess mode)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.neo4j import Neo4jServer, free_port
from tests.support.processes import api_process

TOKEN = "a-token-only-the-scraper-knows-and-nobody-else"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
QUERY = "query PromCheck { viewer { email } }"
CONFIG = """
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: vernetzt
    metrics_path: /metrics
    authorization:
      type: Bearer
      credentials: {token}
    static_configs:
      - targets: ["{target}"]
"""


@pytest.fixture
def prometheus(tmp_path: Path) -> Iterator[tuple[Path, Any]]:
    """A Prometheus to be pointed at a target: (its config file, a function that starts it)."""
    binary = shutil.which("prometheus")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("no prometheus (make tools installs Debian's)")
        pytest.skip("no prometheus (make tools installs Debian's)")
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Any] = []

    def start(target: str) -> str:
        port = free_port()
        config = tmp_path / "prometheus.yml"
        config.write_text(CONFIG.format(token=TOKEN, target=target))
        command = [
            binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ]
        logs.append((tmp_path / "prometheus.log").open("wb"))
        processes.append(subprocess.Popen(command, stdout=logs[-1], stderr=subprocess.STDOUT))
        return f"http://127.0.0.1:{port}"

    yield tmp_path, start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)
    for log in logs:
        log.close()


def value(prometheus: str, query: str) -> float | None:
    """The single value of an instant query, or None while there is none."""
    try:
        answer = httpx.get(f"{prometheus}/api/v1/query", params={"query": query}, timeout=5)
    except httpx.TransportError:
        return None
    result = answer.json()["data"]["result"]
    return float(result[0]["value"][1]) if result else None


def eventually(prometheus: str, query: str, expected: float, within: float = 60) -> float | None:
    deadline = time.monotonic() + within
    found = value(prometheus, query)
    while found != expected and time.monotonic() < deadline:
        time.sleep(0.5)
        found = value(prometheus, query)
    return found


def test_a_real_prometheus_sums_the_requests_of_both_workers(
    neo4j_server: Neo4jServer, tmp_path: Path, prometheus: tuple[Path, Any]
) -> None:
    files = tmp_path / "metrics"
    files.mkdir()
    env = {"VERNETZT_METRICS_TOKEN": TOKEN, "PROMETHEUS_MULTIPROC_DIR": str(files)}
    folder, start = prometheus
    with api_process(neo4j_server, env, tmp_path / "api.log", workers=2) as base:
        sent = 0
        # Each request on a connection of its own, until both workers have answered some.
        while sent < 20 or len(list(files.glob("counter_*.db"))) < 2:
            answer = httpx.post(f"{base}/graphql", json={"query": QUERY})
            assert answer.json()["data"] == {"viewer": None}
            sent += 1
            assert sent < 400, "one worker took every request"
        assert httpx.get(f"{base}/metrics").status_code == 401  # not without the token
        scraper = start(base.removeprefix("http://"))
        total = eventually(scraper, 'sum(vernetzt_requests_total{operation="PromCheck"})', sent)
        assert total == sent
        count = 'sum(vernetzt_request_duration_seconds_count{operation="PromCheck"})'
        assert eventually(scraper, count, sent) == sent
        buckets = value(
            scraper,
            'count(vernetzt_request_duration_seconds_bucket{operation="PromCheck"})',
        )
        assert buckets is not None
        assert buckets >= 10  # the histogram's buckets, each a series
        up = value(scraper, 'up{job="vernetzt"}')
        assert up == 1, (folder / "prometheus.log").read_text()
        # One scrape as Prometheus got it, for docs/operations.md (test-artifacts/).
        scrape = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "scrape.txt").write_text(scrape)
