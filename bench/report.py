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

from bench.discovery import discovery_targets
from bench.ratios import RATIOS as RATIO_SPECS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
PLOTS = ROOT / "docs" / "benchmarks"
TIERS = ("XS", "S", "M", "L")
SYSTEMS = ("floor", "vernetzt", "vernetzt-2w", "peer")
OPS = ("profile", "connections", "feed", "search", "suggestions", "path", "writes", "mix")
COLOURS = {"floor": "#9e9e9e", "vernetzt": "#1565c0", "vernetzt-2w": "#64b5f6", "peer": "#ef6c00"}
# The issue's targets: (ratio name in the results' "targets", at most or at least, threshold).
TARGETS = (
    ("vernetzt/floor p50", "≤", 1.2),
    ("vernetzt/peer p95", "≤", 0.9),
    ("vernetzt/peer req/s", "≥", 1.0),
)
MIX_RPS_TARGET = 1.25
GROWTH_TARGET = 2.0
CASES = ("one_process", "two_processes")  # live delivery's two cases

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


def systems(result: Result, concurrency: int) -> list[str]:
    """The systems measured at this concurrency (older results have no vernetzt-2w)."""
    present = {(r["system"], r["concurrency"]) for r in result["results"]}
    return [system for system in SYSTEMS if (system, concurrency) in present]


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def latency_table(result: Result, concurrency: int) -> list[str]:
    lines = [
        "| op | system | p50 ms | p95 ms | p99 ms | max ms | req/s | errors | server db / app ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for op in OPS:
        for system in systems(result, concurrency):
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
    """The issue's targets op by op, each ratio on the pooled figures with its bootstrap 95%
    interval (bench.pooled), and whether it is met; Vernetzt with two workers beside."""
    if "targets" not in result:
        return old_targets_table(result)
    found = result["targets"]
    heads = [f"{name} ({sign} {limit})" for name, sign, limit in TARGETS]
    lines = [
        "| op | " + " | ".join(heads) + " | vernetzt-2w/peer req/s (beside) |",
        "|---|" + "---|" * (len(TARGETS) + 1),
    ]
    for op in OPS:
        cells = []
        for name, sign, limit in TARGETS:
            if op == "mix" and name.endswith("req/s"):
                limit = MIX_RPS_TARGET
            cells.append(_target_cell(found.get(f"{op} {name}"), sign, limit))
        beside = found.get(f"{op} vernetzt-2w/peer req/s")
        cells.append(_target_cell(beside, "", 0) if beside else "")
        lines.append(f"| {op} | " + " | ".join(cells) + " |")
    note = (
        "Each cell: the ratio of the pooled figures (all runs' requests together), [its "
        "bootstrap 95% interval, resampling runs], and whether the target is met on the ratio "
        f"itself. The mix's requests/s target is ≥ {MIX_RPS_TARGET}."
    )
    lines += ["", note]
    return lines


def _target_cell(found: dict[str, Any] | None, sign: str, limit: float) -> str:
    if not found:
        return "n/a"
    low, high = found["ci95"]
    cell = f"{found['value']:.2f} [{low:.2f}-{high:.2f}]"
    if not sign:
        return cell
    met = found["value"] <= limit if sign == "≤" else found["value"] >= limit
    return f"{cell} {'met' if met else 'missed'}"


def old_targets_table(result: Result) -> list[str]:
    """Results made before the pooled targets: the median of the runs' own ratios."""
    lines = [
        "| op | Vernetzt/floor p50 | Vernetzt/peer p95 | Vernetzt/peer req/s at concurrency 8 |",
        "|---|---:|---:|---:|",
    ]
    for op in OPS:
        cells = [_ratio_cell(result, op, *spec) for spec in RATIO_SPECS]
        lines.append(f"| {op} | " + " | ".join(cells) + " |")
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
    servers = [name for name in ("neo4j", *SYSTEMS[1:]) if name in spent["vernetzt"]]
    lines = [
        "| measured system | " + " | ".join(f"{p} CPU s" for p in servers) + " | harness CPU s |",
        "|---|" + "---:|" * (len(servers) + 1),
    ]
    for system in [name for name in SYSTEMS if name in spent]:
        own = spent[system]["harness"] - sum(spent[system][p] for p in servers)
        cells = " | ".join(f"{spent[system][p]:.1f}" for p in servers)
        lines.append(f"| {system} | {cells} | {own:.1f} |")
    return lines


def cpu_per_request_table(result: Result, concurrency: int) -> list[str]:
    """CPU ms per request of each process while each system answered each op."""
    processes = ("neo4j", "vernetzt", "vernetzt-2w", "peer", "harness")
    lines = [
        "| op | measured system | " + " | ".join(processes) + " |",
        "|---|---|" + "---:|" * len(processes),
    ]
    for op in OPS:
        for system in systems(result, concurrency):
            cpu = row(result, system, op, concurrency).get("cpu_ms_per_request")
            if cpu:
                cells = " | ".join(f"{cpu.get(p, 0.0):.2f}" for p in processes)
                lines.append(f"| {op} | {system} | {cells} |")
    return lines[:2] if len(lines) == 2 else lines


def latency_plot(tier: str, result: Result) -> str:
    name = f"{tier}-latency.png"
    figure, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for axis, concurrency in zip(axes, (1, 8), strict=True):
        shown = systems(result, concurrency)
        width = 0.8 / len(shown)
        for i, system in enumerate(shown):
            p50 = [row(result, system, op, concurrency)["p50_ms"] for op in OPS]
            p95 = [row(result, system, op, concurrency)["p95_ms"] for op in OPS]
            xs = [x + (i - (len(shown) - 1) / 2) * width for x in range(len(OPS))]
            axis.bar(xs, p50, width, label=f"{system} p50", color=COLOURS[system])
            axis.scatter(xs, p95, marker="_", s=120, color="black", zorder=3)
        axis.set_xticks(range(len(OPS)), OPS, rotation=30)
        axis.set_ylabel("ms (bar: p50, dash: p95)")
        axis.set_yscale("log")  # from a 3 ms profile to a second-long search
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
        axis.plot(
            tiers,
            [row(results[t], "vernetzt", op, 1)["p50_ms"] for t in tiers],
            marker="o",
            label=op,
        )
    axis.set_ylabel("Vernetzt p50 ms, concurrency 1")
    axis.set_xlabel("tier (members: S 10k, M 100k, L 1M)")
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(PLOTS / name, dpi=90)
    plt.close(figure)
    return name


def growth_table(results: dict[str, Result]) -> list[str]:
    tiers = [t for t in ("S", "M", "L") if t in results]
    lines = [
        "| op | "
        + " | ".join(f"p50 at {t} ms" for t in tiers)
        + f" | {tiers[-1]} / S (≤ {GROWTH_TARGET}) |",
        "|---|" + "---:|" * (len(tiers) + 1),
    ]
    for op in OPS[:-1]:
        values = [row(results[t], "vernetzt", op, 1)["p50_ms"] for t in tiers]
        cells = " | ".join(f"{v:.1f}" for v in values)
        met = "met" if values[-1] <= GROWTH_TARGET * values[0] else "missed"
        lines.append(f"| {op} | {cells} | {ratio(values[-1], values[0])} {met} |")
    dates = ", ".join(f"{t} {results[t]['date'][:10]}" for t in tiers)
    lines += [
        "",
        f"Measured: {dates}. Milliseconds of different days do not compare (the "
        "machine drifts), so growth is judged on tiers measured on one day.",
    ]
    if "L" in results:
        errors = {op: row(results["L"], "vernetzt", op, 8)["errors"] for op in OPS}
        failed = ", ".join(f"{op} {n}" for op, n in errors.items() if n) or "none"
        lines += [
            "",
            f"Requests that failed at tier L, concurrency 8, all runs (a transaction "
            f"over its 5 s limit is one): {failed}.",
        ]
    return lines


def live_section(result: Result) -> list[str]:
    """Live delivery (R27) as bench.run measured it with tier M: latency from a mutation's
    answer to the subscriber, its distribution, and the poller's idle cost."""
    live = result["live"]
    name = "live-delivery.png"
    figure, axis = plt.subplots(figsize=(8, 4))
    for case, colour in zip(CASES, ("#1565c0", "#ef6c00"), strict=True):
        values = sorted(live[case]["latencies_ms"])
        shares = [(i + 1) / len(values) for i in range(len(values))]
        axis.step(values, shares, where="post", color=colour, label=case)
    axis.set_xlabel("ms from the mutation's answer to the notification")
    axis.set_ylabel("share of notifications")
    axis.set_title(f"{live['subscribers']} open subscriptions")
    axis.legend()
    figure.tight_layout()
    figure.savefig(PLOTS / name, dpi=90)
    plt.close(figure)
    worst = result["live_delivery"]
    idle, busy = live["idle_cpu_no_subscriptions"], live["idle_cpu_with_subscriptions"]
    early = sum(value < 0 for case in CASES for value in live[case]["latencies_ms"])
    return [
        "## Live delivery (R27)",
        "",
        f"![live delivery latency](benchmarks/{name})",
        "",
        "| case | p50 ms | p95 ms |",
        "|---|---:|---:|",
        *(
            f"| {case} | {live[case]['p50_ms']:.0f} | {live[case]['p95_ms']:.0f} |"
            for case in CASES
        ),
        "",
        f"The worse case (`live_delivery` in M.json): p95 {worst['p95_ms']:.0f} ms with "
        f"{worst['subscribers']} subscriptions, {worst['processes']} process(es); target ≤ 1000 "
        f"ms: {'met' if worst['p95_ms'] <= 1000 else 'missed'}. {live['samples']} notifications "
        "per case.",
        "",
        # The notification is made in the mutation's transaction, so the poller may deliver it
        # before the harness has read the mutation's answer (its one event loop reads every
        # subscription's socket too): such a latency is below zero, and kept as measured.
        f"Latencies below zero: {early} (the notification reached its subscriber before the "
        "harness had read the mutation's answer).",
        "",
        f"Idle cost per API process: CPU {', '.join(f'{v:.3f}' for v in idle)} s/s with no "
        f"subscription, {', '.join(f'{v:.3f}' for v in busy)} s/s with all of them open "
        f"(the first process holds them); its poller sends "
        f"{live['poller_queries_per_second']:.1f} queries/s then, and none without one.",
        "",
    ]


def discovery_section(after: Result) -> list[str]:
    """Tier L's discovery targets (bench.discovery), before the network index and after."""
    if "discovery_targets" not in after:
        return []
    steps = RESULTS / "steps"
    before = discovery_targets(
        json.loads((steps / "L-before-network-index.json").read_text()),
        json.loads((steps / "S-before-network-index.json").read_text()),
    )
    lines = [
        "## Discovery at L: the targets",
        "",
        "Vernetzt, one process, figures pooled over the runs (docs/discovery.md). Before: the",
        "reference Cypher (`bench/results/steps/L-before-network-index.json`); after: the",
        "network index.",
        "",
        "| target | before | after | limit | met |",
        "|---|---:|---:|---:|---|",
    ]
    for name, found in after["discovery_targets"].items():
        sign = "≤" if found["at_most"] else "≥"
        was = before.get(name, {}).get("value", "")
        mark = "yes" if found["met"] else "**no**"
        lines.append(f"| {name} | {was} | {found['value']} | {sign} {found['limit']:g} | {mark} |")
    return [*lines, ""]


def tier_section(tier: str, result: Result) -> list[str]:
    plot = latency_plot(tier, result)
    sizes = result["sizes"]
    lines = [
        f"## Tier {tier}: {result['members']:,} members",
        "",
        f"Measured {result['date']} on {result['machine']['cpus']} CPUs, "
        f"{result['machine']['memory_gib']} GiB, Neo4j {result['neo4j']}; {result['runs']} "
        f"run(s), figures are pooled over the runs. {sizes['requests']} requests per op and "
        f"concurrency, {sizes['mix']} for the mix; viewers: {sizes['per_bucket']} per bucket.",
        "",
        f"Answers compared, Vernetzt against the peer: {result['answers_alike']}.",
        "",
        f"![latency per op, tier {tier}](benchmarks/{plot})",
        "",
        "### Targets",
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
        "`make bench TIER=<tier>`): each operation timed on the floor (its Cypher through the",
        "driver, no GraphQL), on Vernetzt and on the peer, as ratios to the floor and the peer.",
        "Absolute milliseconds are of this machine on that day; compare the ratios.",
        "",
        analysis.rstrip(),
        "",
    ]
    growth = growth_plot(results)
    if growth:
        lines += [
            "## Growth",
            "",
            f"![p50 across tiers](benchmarks/{growth})",
            "",
            *growth_table(results),
            "",
        ]
    if "L" in results:
        lines += discovery_section(results["L"])
    if "live" in results.get("M", {}):
        lines += live_section(results["M"])
    for tier in ("M", "S", "L", "XS"):
        if tier in results:
            lines += tier_section(tier, results[tier])
    DOC.write_text("\n".join(lines).rstrip() + "\n")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
