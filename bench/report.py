"""`python -m bench.report`: docs/benchmarks.md and its plots from bench/results/<tier>.json.

The page is made, not written: tables and plots come from the committed results, and the
analysis in bench/analysis.md (where the time goes, what is missed and why) is placed after
the summary. Run it after `make bench`.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

from bench.ratios import RATIOS as RATIO_SPECS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
PLOTS = ROOT / "docs" / "benchmarks"
TIERS = ("XS", "S", "M", "L")
SYSTEMS = ("floor", "vernetzt", "peer")
OPS = ("profile", "connections", "feed", "search", "suggestions", "path", "writes", "mix")
COLOURS = {"floor": "#9e9e9e", "vernetzt": "#1565c0", "peer": "#ef6c00"}

Result = dict[str, Any]


def load() -> dict[str, Result]:
    found = {}
    for tier in TIERS:
        path = RESULTS / f"{tier}.json"
        if path.exists():
            found[tier] = json.loads(path.read_text())
    return found


def row(result: Result, system: str, op: str, concurrency: int) -> dict[str, Any]:
    for item in result["results"]:
        if (item["system"], item["op"], item["concurrency"]) == (system, op, concurrency):
            found: dict[str, Any] = item
            return found
    raise KeyError((system, op, concurrency))


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def latency_table(result: Result, concurrency: int) -> list[str]:
    lines = [
        "| op | system | p50 ms | p95 ms | p99 ms | max ms | req/s | errors | server db / app ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for op in OPS:
        for system in SYSTEMS:
            r = row(result, system, op, concurrency)
            split = r.get("server_ms", {})
            server = (
                f"{split['db']:.1f} / {split['total'] - split['db']:.1f}"
                if "db" in split and "total" in split
                else ""
            )
            lines.append(
                f"| {op} | {system} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} "
                f"| {r['max_ms']:.1f} | {r['rps']:.0f} | {r.get('errors', 0)} | {server} |"
            )
    return lines


def targets_table(result: Result) -> list[str]:
    """The issue's targets, op by op: Vernetzt p50 / floor p50 <= 1.3 and Vernetzt p95 <= peer
    p95 at concurrency 1, and the mix's throughput at concurrency 8; with each ratio's range
    across the runs where the result keeps them (bench.ratios)."""
    lines = [
        "| op | Vernetzt/floor p50 (≤ 1.3) | Vernetzt/peer p95 (≤ 1.0) | Vernetzt/peer req/s "
        "at concurrency 8 |",
        "|---|---:|---:|---:|",
    ]
    for op in OPS:
        cells = [_ratio_cell(result, op, *spec) for spec in RATIO_SPECS]
        lines.append(f"| {op} | " + " | ".join(cells) + " |")
    ours, peer = row(result, "vernetzt", "mix", 8), row(result, "peer", "mix", 8)
    lines.append("")
    lines.append(
        f"Mix at concurrency 8: Vernetzt {ours['rps']:.0f} req/s, peer {peer['rps']:.0f} req/s, "
        f"ratio {ratio(ours['rps'], peer['rps'])} (target ≥ 1.0)."
    )
    if "ratios" in result:
        lines.append("Each cell: the median of the runs' own ratios, then their range. The mix "
                     "line above divides the medians of the two rates.")  # fmt: skip
    return lines


def _ratio_cell(result: Result, op: str, name: str, concurrency: int, other: str, key: str) -> str:
    """The median of the runs' own ratios (each measured side by side in one run) with their
    range; the ratio of the medians for results that did not keep them."""
    runs = result.get("ratios", {}).get(f"{op} {name}")
    if runs:
        return f"{statistics.median(runs):.2f} [{min(runs):.2f}-{max(runs):.2f}]"
    ours, theirs = row(result, "vernetzt", op, concurrency), row(result, other, op, concurrency)
    return ratio(ours[key], theirs[key])


def bucket_table(result: Result, system: str) -> list[str]:
    lines = ["| op | bucket | n | p50 ms | p95 ms | max ms |", "|---|---|---:|---:|---:|---:|"]
    for op in OPS[:-1]:
        for bucket, figures in row(result, system, op, 1).get("buckets", {}).items():
            lines.append(
                f"| {op} | {bucket} | {figures['n']} | {figures['p50_ms']:.1f} "
                f"| {figures['p95_ms']:.1f} | {figures['max_ms']:.1f} |"
            )
    return lines


def cpu_table(result: Result) -> list[str]:
    """CPU seconds each process spent while each system was measured (first run). The meter
    reads the harness with its children, which are the other three processes: the harness's
    own share is what is left."""
    spent = result["cpu_seconds"][0]
    servers = ("neo4j", "vernetzt", "peer")
    lines = [
        "| measured system | " + " | ".join(f"{p} CPU s" for p in servers) + " | harness CPU s |",
        "|---|" + "---:|" * (len(servers) + 1),
    ]
    for system in SYSTEMS:
        own = spent[system]["harness"] - sum(spent[system][p] for p in servers)
        cells = " | ".join(f"{spent[system][p]:.1f}" for p in servers)
        lines.append(f"| {system} | {cells} | {own:.1f} |")
    return lines


def cpu_per_request_table(result: Result, concurrency: int) -> list[str]:
    """CPU ms per request of each process while each system answered each op."""
    processes = ("neo4j", "vernetzt", "peer", "harness")
    lines = [
        "| op | measured system | " + " | ".join(processes) + " |",
        "|---|---|" + "---:|" * len(processes),
    ]
    for op in OPS:
        for system in SYSTEMS:
            cpu = row(result, system, op, concurrency).get("cpu_ms_per_request")
            if cpu:
                cells = " | ".join(f"{cpu.get(p, 0.0):.2f}" for p in processes)
                lines.append(f"| {op} | {system} | {cells} |")
    return lines[:2] if len(lines) == 2 else lines


def latency_plot(tier: str, result: Result) -> str:
    name = f"{tier}-latency.png"
    figure, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for axis, concurrency in zip(axes, (1, 8), strict=True):
        width = 0.27
        for i, system in enumerate(SYSTEMS):
            p50 = [row(result, system, op, concurrency)["p50_ms"] for op in OPS]
            p95 = [row(result, system, op, concurrency)["p95_ms"] for op in OPS]
            xs = [x + (i - 1) * width for x in range(len(OPS))]
            axis.bar(xs, p50, width, label=f"{system} p50", color=COLOURS[system])
            axis.scatter(xs, p95, marker="_", s=120, color="black", zorder=3)
        axis.set_xticks(range(len(OPS)), OPS, rotation=30)
        axis.set_ylabel("ms (bar: p50, dash: p95)")
        axis.set_title(f"tier {tier}, concurrency {concurrency}")
        axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(PLOTS / name, dpi=90)
    plt.close(figure)
    return name


def growth_plot(results: dict[str, Result]) -> str | None:
    tiers = [t for t in ("S", "M", "L") if t in results]
    if len(tiers) < 2:
        return None
    name = "growth.png"
    figure, axis = plt.subplots(figsize=(8, 4.5))
    for op in OPS[:-1]:
        axis.plot(tiers, [row(results[t], "vernetzt", op, 1)["p50_ms"] for t in tiers],
                  marker="o", label=op)  # fmt: skip
    axis.set_ylabel("Vernetzt p50 ms, concurrency 1")
    axis.set_xlabel("tier (members: S 10k, M 100k, L 1M)")
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(PLOTS / name, dpi=90)
    plt.close(figure)
    return name


def growth_table(results: dict[str, Result]) -> list[str]:
    tiers = [t for t in ("S", "M", "L") if t in results]
    lines = ["| op | " + " | ".join(f"p50 at {t} ms" for t in tiers) + f" | {tiers[-1]} / S |",
             "|---|" + "---:|" * (len(tiers) + 1)]  # fmt: skip
    for op in OPS[:-1]:
        values = [row(results[t], "vernetzt", op, 1)["p50_ms"] for t in tiers]
        cells = " | ".join(f"{v:.1f}" for v in values)
        lines.append(f"| {op} | {cells} | {ratio(values[-1], values[0])} |")
    return lines


def tier_section(tier: str, result: Result) -> list[str]:
    plot = latency_plot(tier, result)
    sizes = result["sizes"]
    lines = [
        f"## Tier {tier}: {result['members']:,} members",
        "",
        f"Measured {result['date']} on {result['machine']['cpus']} CPUs, "
        f"{result['machine']['memory_gib']} GiB, Neo4j {result['neo4j']}; {result['runs']} "
        f"run(s), figures are medians across runs. {sizes['requests']} requests per op and "
        f"concurrency, {sizes['mix']} for the mix; viewers: {sizes['per_bucket']} per bucket.",
        "",
        f"Answers compared, Vernetzt against the peer: {result['answers_alike']}.",
        "",
        f"![latency per op, tier {tier}](benchmarks/{plot})",
        "",
        "### Targets (concurrency 1)",
        "",
        *targets_table(result),
        "",
        "### Concurrency 1",
        "",
        *latency_table(result, 1),
        "",
        "### Concurrency 8",
        "",
        *latency_table(result, 8),
        "",
        "### Vernetzt by bucket (concurrency 1)",
        "",
        "Viewers by connection count (p10-p50 ... top0.1); for member ops, `/d1`..`/dnone`",
        "is the target's distance from the viewer.",
        "",
        *bucket_table(result, "vernetzt"),
        "",
        "### CPU",
        "",
        *cpu_table(result),
        "",
        "CPU ms per request of each process while each system answered each op alone",
        "(concurrency 1, the first run's reading):",
        "",
        *cpu_per_request_table(result, 1),
        "",
    ]
    return lines


def main() -> None:
    results = load()
    PLOTS.mkdir(parents=True, exist_ok=True)
    analysis = (ROOT / "bench" / "analysis.md").read_text()
    lines = [
        "# Benchmarks",
        "",
        "Made by `python -m bench.report` from `bench/results/<tier>.json` (written by",
        "`make bench TIER=<tier>`); the protocol is `../shared/design/benchmark.md`. Absolute",
        "milliseconds are of this machine on that day; compare the ratios.",
        "",
        analysis.rstrip(),
        "",
    ]
    growth = growth_plot(results)
    if growth:
        lines += ["## Growth", "", f"![p50 across tiers](benchmarks/{growth})", "",
                  *growth_table(results), ""]  # fmt: skip
    for tier in ("M", "S", "L", "XS"):
        if tier in results:
            lines += tier_section(tier, results[tier])
    DOC.write_text("\n".join(lines).rstrip() + "\n")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
