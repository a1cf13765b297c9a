"""A deterministic professional network shaped like real ones (benchmark protocol, "Data").

Connection counts are log-normal (heavy-tailed) with the tier's median and mean, capped at the
tier's maximum. Members live in communities of about 200 (a company, a town): most connections
stay inside one, the rest go anywhere, so distances grow as in real networks instead of
everyone being two hops from everyone; a member with more connections than a community holds
finds the rest anywhere. About 1% choose the FOLLOW button and gather followers by a power law
(exponent ~2.3) up to ~5% of all members; 3% of connections have one side unfollowed. Settings
follow fixed shares (15% hide connections, 10% KNOWS_EMAIL, 5% open profile); some invitations
are pending and some members blocked.
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
FOLLOW_EXPONENT = 2.3  # followers per celebrity: P(k) ~ k^-2.3, a Pareto tail of shape 1.3
UNFOLLOW_SHARE = 0.03
HIDDEN_SHARE, KNOWS_EMAIL_SHARE, OPEN_PROFILE_SHARE = 0.15, 0.10, 0.05
PENDING_PER_MEMBER, BLOCKS_PER_MEMBER = 0.05, 0.005


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
    # (follower, followed): a connection's follow that the follower took back (R7 allows it)
    unfollows: set[tuple[int, int]] = field(default_factory=set)
    follow_button: set[int] = field(default_factory=set)
    hidden_connections: set[int] = field(default_factory=set)
    knows_email: set[int] = field(default_factory=set)
    open_profile: set[int] = field(default_factory=set)
    invitations: list[tuple[int, int]] = field(default_factory=list)  # pending (from, to)
    blocks: list[tuple[int, int]] = field(default_factory=list)  # (blocker, blocked)
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
        b = _pick(cumulative, rng, 0, n)
        if rng.random() < LOCAL_SHARE:
            start = a // COMMUNITY_SIZE * COMMUNITY_SIZE
            local = _pick(cumulative, rng, start, min(start + COMMUNITY_SIZE, n))
            if (min(a, local), max(a, local)) not in edges:
                b = local  # else the community is used up for a: a stranger instead
        pair = (min(a, b), max(a, b))
        if a == b or pair in edges or max(counts[a], counts[b]) >= tier.max_connections:
            continue
        edges.add(pair)
        counts[a] += 1
        counts[b] += 1
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n)]
    network = Network(tier, seed, ids, sorted(edges))
    _add_celebrities(network, rng)
    network.unfollows = {
        (a, b) if rng.random() < 0.5 else (b, a)
        for a, b in network.connections
        if rng.random() < UNFOLLOW_SHARE
    }
    network.hidden_connections = {i for i in range(n) if rng.random() < HIDDEN_SHARE}
    network.knows_email = {i for i in range(n) if rng.random() < KNOWS_EMAIL_SHARE}
    network.open_profile = {i for i in range(n) if rng.random() < OPEN_PROFILE_SHARE}
    _add_invitations_and_blocks(network, edges, rng)
    _add_companies_and_posts(network, rng)
    return network


def _add_invitations_and_blocks(
    network: Network, edges: set[tuple[int, int]], rng: random.Random
) -> None:
    """Pending invitations and blocks between members who are not connected, each pair once."""
    n = len(network.ids)
    taken = set(edges)
    chosen: list[list[tuple[int, int]]] = [[], []]
    for share, pairs in ((PENDING_PER_MEMBER, chosen[0]), (BLOCKS_PER_MEMBER, chosen[1])):
        while len(pairs) < int(n * share):
            a, b = rng.randrange(n), rng.randrange(n)
            if a != b and (min(a, b), max(a, b)) not in taken:
                taken.add((min(a, b), max(a, b)))
                pairs.append((a, b))
    network.invitations, network.blocks = chosen


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
    """~1% choose FOLLOW and gather followers by a power law (exponent ~2.3), up to ~5%.

    The scale is set so that the largest of the celebrities reaches about the cap."""
    n = len(network.ids)
    celebrities = rng.sample(range(n), max(1, n // 100))
    network.follow_button = set(celebrities)
    cap = max(1, n // 20)
    shape = FOLLOW_EXPONENT - 1
    scale = max(3.0, cap / len(celebrities) ** (1 / shape))
    follows: set[tuple[int, int]] = set()
    for celebrity in celebrities:
        size = min(cap, int(scale * rng.paretovariate(shape)))
        for follower in rng.sample(range(n), size):
            if follower != celebrity:
                follows.add((follower, celebrity))
    network.follows = sorted(follows)


def batches(items: list[tuple[int, int]], size: int) -> Iterator[list[tuple[int, int]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
