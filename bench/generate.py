"""A deterministic professional network shaped like real ones (benchmark protocol, "Data").

Connection counts are log-normal (heavy-tailed) with the tier's median and mean, capped at the
tier's maximum. Members live in communities of about 200 (a company, a town): most connections
stay inside one, the rest go anywhere, so distances grow as in real networks instead of
everyone being two hops from everyone. About 1% choose the FOLLOW button and gather followers
by a power law.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

COMMUNITY_SIZE = 200
LOCAL_SHARE = 0.8


@dataclass(frozen=True)
class Tier:
    name: str
    members: int
    median: float
    mean: float
    max_connections: int
    companies: int
    posts_per_member: int


TIERS = {
    "XS": Tier("XS", 1_000, 10, 20, 200, 20, 3),
    "S": Tier("S", 10_000, 18, 40, 1_000, 200, 10),
    "M": Tier("M", 100_000, 30, 60, 5_000, 2_000, 10),
    "L": Tier("L", 1_000_000, 22, 50, 30_000, 20_000, 5),
}
POSTS_PER_COMPANY = 5
TWO_YEARS_HOURS = 2 * 365 * 24


@dataclass
class Network:
    tier: Tier
    seed: int
    ids: list[str]
    connections: list[tuple[int, int]]
    follows: list[tuple[int, int]] = field(default_factory=list)
    follow_button: set[int] = field(default_factory=set)
    hidden_connections: set[int] = field(default_factory=set)
    company_follows: list[tuple[int, int]] = field(default_factory=list)  # (member, company)
    # (author index, hours ago, audience); authors >= len(ids) are companies
    posts: list[tuple[int, int, str]] = field(default_factory=list)

    def degree_histogram(self) -> dict[int, int]:
        counts = [0] * len(self.ids)
        for a, b in self.connections:
            counts[a] += 1
            counts[b] += 1
        histogram: dict[int, int] = {}
        for count in counts:
            histogram[count] = histogram.get(count, 0) + 1
        return dict(sorted(histogram.items()))


def target_degrees(tier: Tier, rng: random.Random) -> list[int]:
    mu = math.log(tier.median)
    sigma = math.sqrt(2 * math.log(tier.mean / tier.median))
    return [
        max(1, min(tier.max_connections, round(rng.lognormvariate(mu, sigma))))
        for _ in range(tier.members)
    ]


def _pick(weights_cumulative: list[int], rng: random.Random, low: int, high: int) -> int:
    """An index in [low, high) drawn in proportion to its weight."""
    base = weights_cumulative[low - 1] if low else 0.0
    total = weights_cumulative[high - 1] - base
    return bisect.bisect_right(weights_cumulative, base + rng.random() * total, low, high - 1)


def generate(tier: Tier, seed: int = 42) -> Network:
    rng = random.Random(seed)
    n = tier.members
    degrees = target_degrees(tier, rng)
    cumulative = list(itertools.accumulate(degrees))
    wanted = sum(degrees) // 2
    edges: set[tuple[int, int]] = set()
    counts = [0] * n
    attempts = 0
    while len(edges) < wanted and attempts < wanted * 4:
        attempts += 1
        a = _pick(cumulative, rng, 0, n)
        if rng.random() < LOCAL_SHARE:
            start = a // COMMUNITY_SIZE * COMMUNITY_SIZE
            b = _pick(cumulative, rng, start, min(start + COMMUNITY_SIZE, n))
        else:
            b = _pick(cumulative, rng, 0, n)
        pair = (min(a, b), max(a, b))
        if a == b or pair in edges or max(counts[a], counts[b]) >= tier.max_connections:
            continue
        edges.add(pair)
        counts[a] += 1
        counts[b] += 1
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n)]
    network = Network(tier, seed, ids, sorted(edges))
    _add_celebrities(network, rng)
    network.hidden_connections = {i for i in range(n) if rng.random() < 0.15}
    _add_companies_and_posts(network, rng)
    return network


def _add_companies_and_posts(network: Network, rng: random.Random) -> None:
    """Companies gather followers by a power law; posts are 70% ANYONE, 30% CONNECTIONS,
    spread over two years."""
    n, tier = len(network.ids), network.tier
    follows: set[tuple[int, int]] = set()
    for company in range(tier.companies):
        size = min(n // 20, int(rng.paretovariate(1.3) * 5))
        follows.update((member, company) for member in rng.sample(range(n), size))
    network.company_follows = sorted(follows)
    posts = [
        (author, rng.randrange(TWO_YEARS_HOURS), "ANYONE" if rng.random() < 0.7 else "CONNECTIONS")
        for author in range(n)
        for _ in range(tier.posts_per_member)
    ]
    posts += [
        (n + company, rng.randrange(TWO_YEARS_HOURS), "ANYONE")
        for company in range(tier.companies)
        for _ in range(POSTS_PER_COMPANY)
    ]
    network.posts = posts


def _add_celebrities(network: Network, rng: random.Random) -> None:
    """~1% choose FOLLOW and gather followers by a power law (exponent ~2.3), up to ~5%."""
    n = len(network.ids)
    celebrities = rng.sample(range(n), max(1, n // 100))
    network.follow_button = set(celebrities)
    cap = max(1, n // 20)
    follows: set[tuple[int, int]] = set()
    for celebrity in celebrities:
        size = min(cap, int(rng.paretovariate(1.3)) * 3)
        for follower in rng.sample(range(n), size):
            if follower != celebrity:
                follows.add((follower, celebrity))
    network.follows = sorted(follows)


def batches(items: list[tuple[int, int]], size: int) -> Iterator[list[tuple[int, int]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
