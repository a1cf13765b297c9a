"""Figures pooled over a result's runs, and each target ratio with its bootstrap 95% interval.

The issue judges each ratio on the pooled median: every run's latencies of one system, op and
concurrency taken together (requests per second: every run's requests over every run's
seconds). Runs differ more from each other than requests within a run do (the machine drifts),
so the interval resamples whole runs, not single requests: draw as many runs as there are,
with replacement, pool them, take the ratio; 2.5th and 97.5th percentiles of 2,000 draws. With
3 runs (tier L) there are only 10 distinct draws, so its intervals are coarse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.measure import percentile

DRAWS = 2_000
SEED = 19  # the same draws on every report: an interval changes only with the data


@dataclass(frozen=True)
class Sample:
    """One run's latencies (ms) of one system, op and concurrency, and its wall-clock seconds."""

    ms: list[float]
    seconds: float


def figure(samples: list[Sample], key: str) -> float:
    """The pooled figure `key` (p50_ms, p95_ms, p99_ms, max_ms or rps) of these runs."""
    if key == "rps":
        return sum(len(s.ms) for s in samples) / sum(s.seconds for s in samples)
    pooled = sorted(ms for s in samples for ms in s.ms)
    if not pooled:
        return float("nan")
    if key == "max_ms":
        return pooled[-1]
    return percentile(pooled, {"p50_ms": 0.5, "p95_ms": 0.95, "p99_ms": 0.99}[key])


def pooled_figures(samples: list[Sample]) -> dict[str, float]:
    return {
        key: round(figure(samples, key), 2) for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms")
    } | {"rps": round(figure(samples, "rps"), 1)}


def ratio_with_interval(ours: list[Sample], theirs: list[Sample], key: str) -> dict[str, Any]:
    """Ours over theirs on the pooled figure `key`, with the run-resampling 95% interval.
    Both lists hold the same runs in the same order: a draw takes run i of both systems,
    since they were measured side by side in it."""
    runs = len(ours)
    value = figure(ours, key) / figure(theirs, key)
    rng = np.random.default_rng(SEED)
    draws = [
        figure([ours[i] for i in picks], key) / figure([theirs[i] for i in picks], key)
        for picks in rng.integers(0, runs, size=(DRAWS, runs))
    ]
    low, high = np.percentile(draws, [2.5, 97.5])
    return {"value": round(value, 3), "ci95": [round(float(low), 3), round(float(high), 3)]}
