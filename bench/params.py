"""Curated, bucketed parameters (benchmark protocol, "Operations"), as LDBC SNB curates them.

Viewers are bucketed by their connection count (p10-p50, p50-p90, p90-p99, top 0.1%) and
targets by their distance from the viewer (1, 2, 3, none), so that a slow celebrity shows in its
own bucket instead of hiding in a p99. Everything is drawn from a seeded generator: the same
tier gives the same requests on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

from bench.generate import Network
from bench.rings import Adjacency

VIEWER_BUCKETS = (
    ("p10-p50", 10, 50),
    ("p50-p90", 50, 90),
    ("p90-p99", 90, 99.9),
    ("top0.1", 99.9, 100),
)
DISTANCES = ("1", "2", "3", "none")
READ_OPS = ("profile", "connections", "feed", "search", "suggestions", "path")
WEIGHTS = {
    "profile": 25,
    "connections": 15,
    "feed": 20,
    "search": 15,
    "suggestions": 5,
    "path": 5,
    "writes": 15,
}


@dataclass(frozen=True)
class Viewer:
    index: int
    bucket: str
    # members by distance from the viewer ("1", "2", "3", "none"), a few of each
    targets: dict[str, list[int]]


@dataclass(frozen=True)
class Request:
    """One read: `op` by `viewer` about `target` (a member index) or with `text`."""

    op: str
    viewer: int
    bucket: str
    target: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class WriteUnit:
    """Writes that belong together and run in order: a post; follow then unfollow; invite then
    accept (by the invited member). Each step is timed as one `writes` request."""

    kind: str  # "post", "follow", "invite"
    viewer: int
    bucket: str
    target: int | None = None


@dataclass
class Plan:
    viewers: list[Viewer]
    reads: dict[str, list[Request]] = field(default_factory=dict)


def bucket_viewers(
    network: Network, adjacency: Adjacency, per_bucket: int, rng: random.Random
) -> list[Viewer]:
    """`per_bucket` viewers from each connection-count bucket, with targets by distance."""
    n = len(network.ids) - 1  # the last member is the unreachable one the store adds
    counts = np.diff(adjacency.starts)[:n]
    order = np.argsort(counts, kind="stable")
    viewers: list[Viewer] = []
    for name, low, high in VIEWER_BUCKETS:
        members = order[int(n * low / 100) : max(int(n * high / 100), int(n * low / 100) + 1)]
        for index in rng.sample(list(members), min(per_bucket, len(members))):
            viewers.append(Viewer(int(index), name, _targets(adjacency, int(index), n, rng)))
    return viewers


def _targets(adjacency: Adjacency, viewer: int, n: int, rng: random.Random) -> dict[str, list[int]]:
    rings = adjacency.rings(viewer)
    near = set(np.concatenate(rings).tolist())
    targets = {str(d): _sample(rings[d].tolist(), 4, rng) for d in (1, 2, 3)}
    far = [m for m in rng.sample(range(n), min(n, 200)) if m not in near][:3]
    targets["none"] = [*far, n]  # n: the member without any connection
    return targets


def _sample(members: list[int], k: int, rng: random.Random) -> list[int]:
    return rng.sample(members, min(k, len(members)))


def plan(network: Network, per_bucket: int, requests_per_op: int, seed: int = 11) -> Plan:
    rng = random.Random(seed)
    adjacency = Adjacency.of(network)
    viewers = bucket_viewers(network, adjacency, per_bucket, rng)
    result = Plan(viewers)
    for op in READ_OPS:
        result.reads[op] = [_read(op, rng.choice(viewers), rng) for _ in range(requests_per_op)]
    return result


def _read(op: str, viewer: Viewer, rng: random.Random) -> Request:
    if op in ("feed", "suggestions"):
        return Request(op, viewer.index, viewer.bucket)
    if op == "search":
        community = rng.randrange(max(1, viewer.index // 200 + 1))
        return Request(op, viewer.index, viewer.bucket, text=f"community {community}")
    distances = ["3"] if op == "path" and viewer.targets["3"] else list(DISTANCES)
    distance = rng.choice([d for d in distances if viewer.targets[d]])
    target = rng.choice(viewer.targets[distance])
    return Request(op, viewer.index, f"{viewer.bucket}/d{distance}", target=target)


class WriteSource:
    """Fresh write units on demand: a third posts, a third follow/unfollow, a third
    invite/accept. Each invitation goes to a member two or three hops away, each pair once in
    the whole run (every system and phase gets its own), never to a member who wants the
    invitee's email (R5) or takes part in a block or pending invitation; a follow never touches
    a follow the network already has."""

    def __init__(self, network: Network, viewers: list[Viewer], seed: int = 17) -> None:
        self.viewers = viewers
        self.rng = random.Random(seed)
        self.excluded = set(network.knows_email)
        for a, b in network.invitations + network.blocks:
            self.excluded.update((a, b))
        self.follows = set(network.follows)
        self.used: set[int] = set()
        self.made = 0

    def next(self) -> WriteUnit:
        viewer = self.rng.choice(self.viewers)
        kind = ("post", "follow", "invite")[self.made % 3]
        self.made += 1
        candidates = [m for m in viewer.targets["2"] + viewer.targets["3"] if m not in self.used]
        if kind == "post" or not candidates:
            return WriteUnit("post", viewer.index, viewer.bucket)
        target = self.rng.choice(candidates)
        if kind == "follow" and (viewer.index, target) not in self.follows:
            self.used.add(target)  # no two units race on one pair
            return WriteUnit("follow", viewer.index, viewer.bucket, target)
        if kind == "invite" and not {target, viewer.index} & (self.excluded | self.used):
            self.used.update((target, viewer.index))
            return WriteUnit("invite", viewer.index, viewer.bucket, target)
        return WriteUnit("post", viewer.index, viewer.bucket)

    def units(self, steps: int) -> list[WriteUnit]:
        """Units worth about `steps` timed writes."""
        units: list[WriteUnit] = []
        while sum(1 if u.kind == "post" else 2 for u in units) < steps:
            units.append(self.next())
        return units


def mix(plan_: Plan, writes: WriteSource, count: int, seed: int = 13) -> list[Request | WriteUnit]:
    """`count` items drawn by the protocol's weights from the op pools (writes as new units)."""
    rng = random.Random(seed)
    ops = list(WEIGHTS)
    picks = rng.choices(ops, weights=[WEIGHTS[op] for op in ops], k=count)
    return [writes.next() if op == "writes" else rng.choice(plan_.reads[op]) for op in picks]
