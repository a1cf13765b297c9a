"""The benchmark's pooled figures and their bootstrap intervals (bench.pooled)."""

from __future__ import annotations

from bench.pooled import Sample, figure, pooled_figures, ratio_with_interval


def test_figures_pool_every_run_s_requests() -> None:
    runs = [Sample([1.0, 2.0, 3.0], 1.0), Sample([10.0, 20.0, 30.0], 2.0)]
    figures = pooled_figures(runs)
    # Six latencies together: the nearest-rank median is the third, not a median of medians.
    assert figures["p50_ms"] == 3.0
    assert figures["max_ms"] == 30.0
    assert figures["rps"] == 2.0  # 6 requests in 3 seconds, not the mean of 3/s and 1.5/s


def test_runs_alike_give_an_interval_of_one_point() -> None:
    ours = [Sample([2.0, 4.0, 6.0], 1.0)] * 4
    theirs = [Sample([4.0, 8.0, 12.0], 1.0)] * 4
    assert ratio_with_interval(ours, theirs, "p50_ms") == {"value": 0.5, "ci95": [0.5, 0.5]}


def test_runs_that_differ_widen_the_interval_around_the_ratio() -> None:
    ours = [Sample([float(ms)] * 5, 1.0) for ms in (2, 3, 4, 5, 6)]
    theirs = [Sample([4.0] * 5, 1.0)] * 5
    found = ratio_with_interval(ours, theirs, "p50_ms")
    assert found["value"] == 1.0  # the pooled median, 4 ms, over 4 ms
    low, high = found["ci95"]
    assert 0.5 <= low < 1.0 < high <= 1.5


def test_a_draw_keeps_the_systems_of_one_run_together() -> None:
    """Run i of both systems was measured side by side: a slow run slows both, and the ratio
    of each run is 2 whatever the run, so every draw's ratio is 2."""
    ours = [Sample([2.0 * ms], 1.0) for ms in (1, 5, 9)]
    theirs = [Sample([float(ms)], 1.0) for ms in (1, 5, 9)]
    assert ratio_with_interval(ours, theirs, "p50_ms") == {"value": 2.0, "ci95": [2.0, 2.0]}
    assert figure(ours, "rps") == 1.0
