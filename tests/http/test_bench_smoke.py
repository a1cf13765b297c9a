"""`make bench` on the XS tier, end to end, as the CI smoke test of the harness (issue 7).

It generates and loads the XS network into its own Neo4j, starts Vernetzt and the peer, and
measures the three systems. Nothing here asserts a time: only that every system answered every
op at both concurrencies, that Vernetzt and the peer gave the same answers, and that the results
file has the shape docs/benchmarks.md is built from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration  # bench.run starts a Neo4j of its own

ROOT = Path(__file__).resolve().parents[2]
SYSTEMS = {"floor", "vernetzt", "peer"}
OPS = {"profile", "connections", "feed", "search", "suggestions", "path", "writes", "mix"}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    if not (ROOT / "bench" / "peer" / "node_modules").is_dir():
        if os.environ.get("CI"):
            pytest.fail("the peer's node_modules are missing: `make peer` installs them")
        pytest.skip("run `make peer` to install the peer")
    out = tmp_path_factory.mktemp("bench") / "XS.json"
    command = [sys.executable, "-m", "bench.run", "--tier", "XS", "--runs", "1", "--out", str(out)]
    finished = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    loaded: dict[str, object] = json.loads(out.read_text())
    return loaded


def test_every_system_measured_every_op_at_both_concurrencies(results: dict[str, object]) -> None:
    rows = results["results"]
    assert isinstance(rows, list)
    measured = {(r["system"], r["op"], r["concurrency"]) for r in rows}
    beside = {("vernetzt-2w", op, 8) for op in OPS}  # two workers, at concurrency 8 only
    assert measured == {(s, op, c) for s in SYSTEMS for op in OPS for c in (1, 8)} | beside
    for row in rows:
        assert row["n"] > 0
        assert row["errors"] == 0, row.get("first_error")
        assert row["rps"] > 0
        assert row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"] <= row["max_ms"]


def test_vernetzt_and_the_peer_answer_alike(results: dict[str, object]) -> None:
    answers = results["answers_alike"]
    assert isinstance(answers, dict)
    assert set(answers) == OPS - {"writes", "mix"}
    for op, tally in answers.items():
        same, total = tally.split("/")
        assert same == total, op
        assert int(total) > 0, op


def test_both_servers_report_their_database_time(results: dict[str, object]) -> None:
    rows = results["results"]
    assert isinstance(rows, list)
    for row in rows:
        if row["system"] != "floor":
            assert {"db", "total"} <= set(row["server_ms"]), row


def test_results_name_the_tier_and_the_machine(results: dict[str, object]) -> None:
    assert results["tier"] == "XS"
    assert results["members"] == 1001
    machine = results["machine"]
    assert isinstance(machine, dict)
    assert machine["cpus"] >= 1


def test_results_keep_each_runs_ratios(results: dict[str, object]) -> None:
    """What `python -m bench.ratios` compares to tell whether a second run reproduces this."""
    ratios = results["ratios"]
    assert isinstance(ratios, dict)
    assert len(ratios) == 3 * len(OPS)
    for name, values in ratios.items():
        assert len(values) == results["runs"] == 1, name
        assert values[0] > 0, name


def test_results_give_each_target_ratio_with_its_interval(results: dict[str, object]) -> None:
    """The issue's targets as bench.report shows them: a pooled ratio inside its interval."""
    targets = results["targets"]
    assert isinstance(targets, dict)
    assert len(targets) == 4 * len(OPS)  # three targets and the two workers' rate beside
    for name, found in targets.items():
        low, high = found["ci95"]
        assert 0 < low <= found["value"] <= high, name
