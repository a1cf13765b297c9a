"""The benchmark network generator: deterministic, heavy-tailed, a simple graph."""

from __future__ import annotations

import statistics

from bench.generate import TIERS, generate


def test_the_same_seed_gives_the_same_network() -> None:
    first, again = generate(TIERS["XS"], seed=7), generate(TIERS["XS"], seed=7)
    assert (first.ids, first.connections, first.posts) == (
        again.ids,
        again.connections,
        again.posts,
    )
    assert generate(TIERS["XS"], seed=8).connections != first.connections


def test_connections_are_heavy_tailed_without_loops_or_duplicates() -> None:
    network = generate(TIERS["XS"])
    assert all(a < b for a, b in network.connections)
    assert len(set(network.connections)) == len(network.connections)
    degrees = [0] * len(network.ids)
    for a, b in network.connections:
        degrees[a] += 1
        degrees[b] += 1
    assert max(degrees) <= TIERS["XS"].max_connections
    assert max(degrees) > 5 * statistics.median(degrees)
    assert statistics.mean(degrees) > statistics.median(degrees)


def test_posts_follow_the_protocol_mix() -> None:
    network = generate(TIERS["XS"])
    member_posts = [p for p in network.posts if p[0] < len(network.ids)]
    assert len(member_posts) == 3 * len(network.ids)
    share = sum(1 for _, _, audience in member_posts if audience == "ANYONE") / len(member_posts)
    assert 0.65 < share < 0.75
