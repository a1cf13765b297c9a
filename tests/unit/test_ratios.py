"""The benchmark's reproduction check: ratios per run, compared by their run-to-run ranges."""

from __future__ import annotations

from typing import Any

from bench.ratios import OPS, compare, per_run, pooled


def run(vernetzt_ms: float, floor_ms: float = 2.0, peer_ms: float = 4.0) -> list[dict[str, Any]]:
    """One run's rows where every op has the same figures."""
    rows = []
    for op in OPS:
        for system, ms in (("vernetzt", vernetzt_ms), ("floor", floor_ms), ("peer", peer_ms)):
            for concurrency in (1, 8):
                rows.append(
                    {
                        "system": system,
                        "op": op,
                        "concurrency": concurrency,
                        "p50_ms": ms,
                        "p95_ms": 2 * ms,
                        "rps": 1000 / ms,
                    }
                )
    return rows


def test_each_run_keeps_its_ratios() -> None:
    ratios = per_run([run(3.0), run(4.0)])
    assert ratios["profile vernetzt/floor p50"] == [1.5, 2.0]
    assert ratios["mix vernetzt/peer p95"] == [0.75, 1.0]
    assert ratios["mix vernetzt/peer req/s"] == [1.333, 1.0]
    assert len(ratios) == 3 * len(OPS)


def test_a_second_result_reproduces_where_the_ranges_overlap() -> None:
    first = {"ratios": per_run([run(3.0), run(4.0), run(3.5)])}
    close = {"ratios": per_run([run(3.9), run(4.4), run(4.2)])}
    far = {"ratios": per_run([run(6.0), run(6.5), run(7.0)])}
    _, alike, total = compare(first, close)
    assert alike == total == 24
    _, alike, _ = compare(first, far)
    assert alike == 0


def test_both_results_runs_pooled_give_one_median() -> None:
    assert pooled([1.2, 1.5, 1.3], [1.6, 1.4]) == 1.4
    lines, _, _ = compare({"ratios": {"x": [1.0, 1.2]}}, {"ratios": {"x": [1.1, 1.3]}})
    assert lines[-1] == "| x | 1.10 [1.00-1.20] | 1.20 [1.10-1.30] | yes | 1.15 |"
