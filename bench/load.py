"""Loads a generated network into Neo4j with batched UNWIND writes, reporting its rate."""

from __future__ import annotations

import sys
import time

import cypher
from bench.generate import Network, batches
from cypher.database import Database

LOAD_MEMBERS = cypher.query("bench_load_members")
LOAD_CONNECTIONS = cypher.query("bench_load_connections")
LOAD_FOLLOWS = cypher.query("bench_load_follows")
LOAD_COMPANIES = cypher.query("bench_load_companies")
LOAD_COMPANY_FOLLOWS = cypher.query("bench_load_company_follows")
LOAD_POSTS = cypher.query("bench_load_posts")
LOAD_INVITATIONS = cypher.query("bench_load_invitations")
LOAD_BLOCKS = cypher.query("bench_load_blocks")
BATCH = 5_000


def _progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-9)
    filled = 30 * done // max(total, 1)
    bar = "#" * filled + "." * (30 - filled)
    sys.stderr.write(f"\r{label:>16} [{bar}] {done:,}/{total:,} ({rate:,.0f}/s)")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def member_rows(network: Network) -> list[dict[str, object]]:
    return [
        {
            "id": member_id,
            "handle": f"m{index}",
            "name": f"Member {index}",
            "headline": f"Engineer in community {index // 200}",
            "primaryButton": "FOLLOW" if index in network.follow_button else "CONNECT",
            "connectionsVisibility": "ONLY_ME"
            if index in network.hidden_connections
            else "CONNECTIONS",
            "invitationPolicy": "KNOWS_EMAIL" if index in network.knows_email else "EVERYONE",
            "openProfile": index in network.open_profile,
            "joinedDays": index % 730,
        }
        for index, member_id in enumerate(network.ids)
    ]


async def load(db: Database, network: Network) -> float:
    """Write members, connections (with the follows not taken back, R7), celebrity follows,
    companies, posts, pending invitations and blocks; seconds taken."""
    started = time.monotonic()
    members = member_rows(network)
    for start in range(0, len(members), BATCH):
        await db.write(LOAD_MEMBERS, members=members[start : start + BATCH])
        _progress("members", min(start + BATCH, len(members)), len(members), started)
    companies = company_ids(network)
    await db.write(LOAD_COMPANIES, companies=[
        {"id": key, "handle": f"c{index}", "name": f"Company {index}"}
        for index, key in enumerate(companies)
    ])  # fmt: skip
    ids = network.ids
    unfollows = network.unfollows
    begun, done = time.monotonic(), 0
    for batch in batches(network.connections, BATCH):
        rows = [
            [ids[a], ids[b], (a, b) not in unfollows, (b, a) not in unfollows] for a, b in batch
        ]
        await db.write(LOAD_CONNECTIONS, pairs=rows)
        done += len(batch)
        _progress("connections", done, len(network.connections), begun)
    for label, query, pairs, targets in (
        ("follows", LOAD_FOLLOWS, network.follows, ids),
        ("company follows", LOAD_COMPANY_FOLLOWS, network.company_follows, companies),
        ("blocks", LOAD_BLOCKS, network.blocks, ids),
    ):
        begun, done = time.monotonic(), 0
        for batch in batches(pairs, BATCH):
            await db.write(query, pairs=[[ids[a], targets[b]] for a, b in batch])
            done += len(batch)
            _progress(label, done, len(pairs), begun)
    await db.write(LOAD_INVITATIONS, pairs=[
        [ids[a], ids[b], f"bench-invitation-{index}"]
        for index, (a, b) in enumerate(network.invitations)
    ])  # fmt: skip
    authors = ids + companies
    begun = time.monotonic()
    for start in range(0, len(network.posts), BATCH):
        posts = network.posts[start : start + BATCH]
        await db.write(LOAD_POSTS, posts=[
            {"id": f"p{start + i}", "author": authors[author], "hoursAgo": hours,
             "audience": audience, "text": f"Post {start + i} of {authors[author][:8]}"}
            for i, (author, hours, audience) in enumerate(posts)
        ])  # fmt: skip
        _progress("posts", start + len(posts), len(network.posts), begun)
    return time.monotonic() - started


def company_ids(network: Network) -> list[str]:
    return [f"company-{index}" for index in range(network.tier.companies)]
