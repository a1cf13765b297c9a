"""Two checkouts of Vernetzt against each other on one tier's store: the quick check of a step.

    python -m bench.ab --tier S --ops profile,writes --rounds 3 ../before .
    python -m bench.ab --tier S --ops mix --env-b VERNETZT_LOG_LEVEL=INFO ... . ../same-code

`--env-a` and `--env-b` add settings to the first and the second checkout's server: the same
code twice with a setting changed (metrics, traces and logs on against off, docs/operations.md).

Each round starts each checkout's server in turn (ABBA order) on the same Neo4j and measures,
per op, concurrency 1 (p50 and p95 over the op's planned requests) and concurrency 8 (requests
per second over `--seconds`, and CPU per request of the server's and of Neo4j's process). A
first round warms Neo4j's plans and page cache and is not counted. It prints each figure's
median over the rounds. The full protocol (floor, peer, answers compared) is `bench.run`;
this only tells whether a change to the code moved its own figures.
"""

from __future__ import annotations

import argparse
import functools
import secrets
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import aiohttp
import psutil
import uvloop

from bench import servers
from bench.measure import run
from bench.params import Request, WriteSource, WriteUnit, mix, plan
from bench.run import INVITATION_ID, SIZES, clean_up, execute
from bench.store import Store, loaded_store
from bench.systems import HttpSystem, Members, aiohttp_post
from resolvers.access.tokens import issue_token
from settings import Settings

OPS = Path(__file__).resolve().parent / "ops"
Figures = dict[str, list[float]]
Items = list[Request] | list[WriteUnit] | list[Request | WriteUnit]


def _cpu(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


async def _measure(
    system: HttpSystem, items: Callable[[], Items], seconds: float, pids: list[int]
) -> dict[str, float]:
    """`items()` gives each pass its own requests: a write unit runs once (an invitation
    accepted twice is an error)."""
    execute_on = functools.partial(execute, system)
    await run(items()[:60], 8, execute_on)  # this server's own plans and connections
    outcomes, _, errors = await run(items(), 1, execute_on)
    latencies = sorted(outcome.ms for outcome in outcomes)
    before = [_cpu(pid) for pid in pids]
    started, served = time.perf_counter(), 0
    while time.perf_counter() - started < seconds:
        more, _, failed = await run(items(), 8, execute_on)
        served += len(more)
        errors += failed
    elapsed = time.perf_counter() - started
    used = [1000 * (_cpu(pid) - b) / served for pid, b in zip(pids, before, strict=True)]
    return {
        "p50": latencies[len(latencies) // 2],
        "p95": latencies[int(len(latencies) * 0.95)],
        "rps": served / elapsed,
        "cpu": used[0],
        "neo4j_cpu": used[1],
        "errors": float(len(errors)),
    }


class Comparison:
    """The plan, the members' tokens and the figures of one comparison on a loaded store."""

    def __init__(self, store: Store, args: argparse.Namespace) -> None:
        self.store, self.args = store, args
        sizes = SIZES[args.tier]
        self.requests = sizes.requests
        self.plan = plan(store.network, sizes.per_bucket, sizes.requests)
        self.writes = WriteSource(store.network, self.plan.viewers)
        self.secret = secrets.token_urlsafe(48)
        settings = Settings(environment="production", secret=self.secret, neo4j_uri=store.uri)
        ids = store.network.ids
        self.members = Members(ids, lambda i: issue_token(settings, ids[i], 0), self._invitation)
        self.figures: dict[tuple[str, str], Figures] = defaultdict(lambda: defaultdict(list))

    async def _invitation(self, sender: int, invitee: int) -> str:
        ids = self.store.network.ids
        row = await self.store.db.read_one(INVITATION_ID, sender=ids[sender], invitee=ids[invitee])
        return str(row["id"]) if row else ""

    async def round(self, number: int, session: aiohttp.ClientSession) -> None:
        """Each checkout in turn (ABBA); round 0 warms Neo4j up and is not kept."""
        checkouts = self.args.checkouts if number % 2 == 0 else self.args.checkouts[::-1]
        for checkout in checkouts:
            servers.ROOT = checkout  # the server runs this checkout's code
            extra = self.args.env[self.args.checkouts.index(checkout)]
            with servers.vernetzt(self.store.uri, self.secret, extra_env=extra) as server:
                system = HttpSystem(
                    "vernetzt", server.url, OPS, self.members, aiohttp_post(session)
                )
                for op in self.args.ops.split(","):
                    items = functools.partial(self._items, op)
                    pids = [server.pid, self.store.pid]
                    measured = await _measure(system, items, self.args.seconds, pids)
                    print(number, checkout.name, op, {k: round(v, 2) for k, v in measured.items()})
                    for name, value in measured.items():
                        if number:
                            self.figures[(op, str(checkout))][name].append(value)
            await clean_up(self.store)

    def _items(self, op: str) -> Items:
        if op == "mix":  # the protocol's weighted mix, writes as new units
            return mix(self.plan, self.writes, SIZES[self.args.tier].mix)
        return self.writes.units(self.requests) if op == "writes" else self.plan.reads[op]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", default="S")
    parser.add_argument("--ops", default="profile,connections,feed,search,suggestions,path,writes")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    for side in ("a", "b"):
        parser.add_argument(
            f"--env-{side}",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help=f"a setting for the {'first' if side == 'a' else 'second'} checkout's server",
        )
    parser.add_argument("checkouts", nargs=2, type=Path, help="before and after: two directories")
    args = parser.parse_args()
    args.checkouts = [path.resolve() for path in args.checkouts]
    if args.checkouts[0] == args.checkouts[1]:
        # Each side is known by its directory: its settings and its figures.
        parser.error("the two checkouts must be two directories (for the same code: a clone)")
    args.env = [dict(pair.split("=", 1) for pair in pairs) for pairs in (args.env_a, args.env_b)]
    async with loaded_store(args.tier) as store:
        comparison = Comparison(store, args)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=16)) as session:
            for number in range(args.rounds + 1):
                await comparison.round(number, session)
    print(
        f"medians of {args.rounds} rounds (p50, p95: ms at concurrency 1; rps: requests/s "
        "and cpu: ms of CPU per request, at concurrency 8)"
    )
    for (op, checkout), values in sorted(comparison.figures.items()):
        medians = "  ".join(f"{name} {statistics.median(v):7.2f}" for name, v in values.items())
        print(f"{op:12} {checkout:30} {medians}")


if __name__ == "__main__":
    uvloop.run(main())
