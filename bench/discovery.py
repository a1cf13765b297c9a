"""The discovery targets at tier L (docs/discovery.md), checked on a run's pooled figures.

People you may know, search and path must stay fast at a million members on this 2-core
machine: each op's p50 and p95 at concurrency 1, its requests per second at concurrency 8 with
none at the time limit, the mix at concurrency 8 against its own figure at tier S, and every
op's p50 at most 1.5 times its tier S p50. `bench.run` writes them into L.json
(`discovery_targets`); `python -m bench.discovery` checks them again after tier S is measured
anew; `bench.report` shows them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# op: (c=1 p50 at most, c=1 p95 at most, c=8 requests/s at least), in ms and req/s.
LIMITS = {
    "suggestions": (30.0, 100.0, 30.0),
    "search": (60.0, 200.0, 20.0),
    "path": (20.0, 50.0, 60.0),
}
MIX_SHARE = 0.8  # the mix at c=8: at least this share of its own req/s at tier S
GROWTH = 1.5  # every op's c=1 p50 at L: at most this many times its p50 at tier S
OPS = ("profile", "connections", "feed", "search", "suggestions", "path", "writes", "mix")

Result = dict[str, Any]


def _row(result: Result, op: str, concurrency: int) -> dict[str, Any]:
    for item in result["results"]:
        if (item["system"], item["op"], item["concurrency"]) == ("vernetzt", op, concurrency):
            found: dict[str, Any] = item
            return found
    raise KeyError((op, concurrency))


def _check(value: float, limit: float, at_most: bool) -> dict[str, Any]:
    met = value <= limit if at_most else value >= limit
    return {"value": value, "limit": limit, "at_most": at_most, "met": met}


def discovery_targets(tier_l: Result, tier_s: Result | None) -> dict[str, dict[str, Any]]:
    """Each target by name: the figure, its limit, and whether it is met."""
    found: dict[str, dict[str, Any]] = {}
    for op, (p50, p95, rps) in LIMITS.items():
        one, eight = _row(tier_l, op, 1), _row(tier_l, op, 8)
        found[f"{op} c=1 p50 ms"] = _check(one["p50_ms"], p50, at_most=True)
        found[f"{op} c=1 p95 ms"] = _check(one["p95_ms"], p95, at_most=True)
        found[f"{op} c=8 req/s"] = _check(eight["rps"], rps, at_most=False)
        found[f"{op} c=8 at the limit"] = _check(eight["errors"], 0, at_most=True)
    if tier_s is not None:
        mix_s = _row(tier_s, "mix", 8)["rps"]
        found["mix c=8 req/s"] = _check(_row(tier_l, "mix", 8)["rps"], MIX_SHARE * mix_s, False)
        for op in OPS:
            if op != "mix":
                growth = _row(tier_l, op, 1)["p50_ms"] / _row(tier_s, op, 1)["p50_ms"]
                found[f"{op} growth S→L p50"] = _check(round(growth, 2), GROWTH, at_most=True)
    return found


def main() -> None:
    """Check L.json's figures again against the targets, with tier S's as they are now (after a
    run of tier S on the same code as tier L's)."""
    results = Path(__file__).resolve().parent / "results"
    tier_l = json.loads((results / "L.json").read_text())
    tier_s = json.loads((results / "S.json").read_text())
    tier_l["discovery_targets"] = discovery_targets(tier_l, tier_s)
    (results / "L.json").write_text(json.dumps(tier_l, indent=1) + "\n")  # as bench.run
    checked = tier_l["discovery_targets"]
    missed = [name for name, found in checked.items() if not found["met"]]
    print(f"discovery targets at L: {len(checked) - len(missed)} met, missed: {missed}")


if __name__ == "__main__":
    main()
