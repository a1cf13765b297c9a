"""The issue's ratios per run, and whether a second result reproduces the first.

The protocol compares ratios measured side by side in one run, never milliseconds across runs,
so each result keeps every run's ratios (`ratios` in bench/results/<tier>.json) and their
spread shows the noise. A second result reproduces the first within noise where, ratio by
ratio, the two results' run-to-run ranges overlap; where they do, the median of both results'
runs together is the best estimate of the ratio.

    python -m bench.ratios bench/results/M.json bench/results/steps/M-rerun.json
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

OPS = ("profile", "connections", "feed", "search", "suggestions", "path", "writes", "mix")
# (name, concurrency, system compared with, figure): Vernetzt's figure over the other's.
RATIOS = (
    ("vernetzt/floor p50", 1, "floor", "p50_ms"),
    ("vernetzt/peer p95", 1, "peer", "p95_ms"),
    ("vernetzt/peer req/s", 8, "peer", "rps"),
)

Rows = list[dict[str, Any]]


def run_ratios(rows: Rows) -> dict[str, float]:
    """One run's ratios, keyed "<op> <ratio name>"."""
    figure = {(r["system"], r["op"], r["concurrency"]): r for r in rows}
    found = {}
    for op in OPS:
        for name, concurrency, other, key in RATIOS:
            ours, theirs = figure[("vernetzt", op, concurrency)], figure[(other, op, concurrency)]
            if theirs[key]:
                found[f"{op} {name}"] = round(ours[key] / theirs[key], 3)
    return found


def per_run(runs: list[Rows]) -> dict[str, list[float]]:
    """Each ratio in every run, for the results file."""
    each = [run_ratios(rows) for rows in runs]
    return {name: [ratios[name] for ratios in each] for name in each[0]}


def overlap(a: list[float], b: list[float]) -> bool:
    return min(a) <= max(b) and min(b) <= max(a)


def compare(first: dict[str, Any], second: dict[str, Any]) -> tuple[list[str], int, int]:
    """A table of each ratio in both results, and how many of them overlap."""
    lines = [
        "| ratio | first: median [range] | second: median [range] | within noise | both: median |",
        "|---|---|---|---|---|",
    ]
    alike = 0
    for name, values in first["ratios"].items():
        again = second["ratios"][name]
        same = overlap(values, again)
        alike += same
        lines.append(
            f"| {name} | {_cell(values)} | {_cell(again)} | {'yes' if same else 'no'} "
            f"| {pooled(values, again):.2f} |"
        )
    return lines, alike, len(first["ratios"])


def pooled(first: list[float], second: list[float]) -> float:
    """The median of both results' runs together."""
    return statistics.median(first + second)


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def main(first: Path, second: Path) -> int:
    results = [json.loads(path.read_text()) for path in (first, second)]
    missing = [
        str(path)
        for path, result in zip((first, second), results, strict=True)
        if "ratios" not in result
    ]
    if missing:
        print(f"no per-run ratios in {', '.join(missing)} (made before bench/ratios.py)")
        return 2
    lines, alike, total = compare(*results)
    print("\n".join(lines))
    print(f"\n{alike} of {total} ratios within noise (run-to-run ranges overlap)")
    return 0 if alike == total else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
