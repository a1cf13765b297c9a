"""What one page of the feed costs at scale (R19).

    .venv/bin/python -m bench.studies.feed_profile [TIER]      (default S: 10,000 members)

Loads the tier (bench/store.py), then PROFILEs the feed's page query (cypher/feed.cypher) and
the batch that loads the page's posts (cypher/post_cards.cypher) for viewers who follow many,
the median number, and few authors, and writes docs/feed-at-scale.md.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from typing import Any, LiteralString

from bench.store import ROOT, loaded_store
from bench.studies.degree_profile import db_hits
from cypher.database import Database
from resolvers.posts import FEED
from resolvers.request.loaders import POST_CARDS

REPEATS = 5
PAGE = 20


async def measure(
    db: Database, query: LiteralString, params: dict[str, Any]
) -> tuple[int, float, Any]:
    _, summary, _ = await db.driver.execute_query(
        "PROFILE " + query, parameters_=params, database_=db.name
    )
    assert summary.profile is not None
    times, rows = [], []
    for _ in range(REPEATS):
        await db.read(query, **params)  # warm-up
    for _ in range(REPEATS):
        started = time.perf_counter()
        rows = await db.read(query, **params)
        times.append((time.perf_counter() - started) * 1000)
    return db_hits(summary.profile), statistics.median(times), rows


def viewers(follow_counts: dict[int, int]) -> dict[str, int]:
    ordered = sorted(follow_counts, key=lambda i: follow_counts[i])
    return {
        "follows the most": ordered[-1],
        "p90 follows": ordered[int(len(ordered) * 0.9)],
        "median follows": ordered[len(ordered) // 2],
        "p10 follows": ordered[len(ordered) // 10],
    }


async def main(tier_name: str) -> int:
    async with loaded_store(tier_name) as store:
        network, db = store.network, store.db
        follows: dict[int, int] = dict.fromkeys(range(len(network.ids) - 1), 0)
        for a, b in network.connections:
            follows[a] += 1
            follows[b] += 1
        for follower, _ in network.follows + network.company_follows:
            follows[follower] += 1
        lines = [
            f"# Feed at scale: tier {tier_name}",
            "",
            f"{len(network.ids):,} members, {len(network.connections):,} connections, "
            f"{len(network.posts):,} posts; Neo4j {store.version} on this 2-core machine. One "
            f"page of {PAGE}: `cypher/feed.cypher` selects it, `cypher/post_cards.cypher` loads "
            "its posts in one batch (authors load in one more batch of cards). db hits from "
            f"PROFILE; time the median of {REPEATS} runs after as many warm-ups.",
            "",
            "| viewer | follows | feed page: db hits | ms | post batch: db hits | ms |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for label, viewer in viewers(follows).items():
            params = {"viewer": network.ids[viewer], "limit": PAGE + 1, "after": None}
            hits, millis, rows = await measure(db, FEED.text, params)
            ids = [item["id"] for item in rows[0]["items"]][:PAGE]
            card_hits, card_millis, _ = await measure(
                db, POST_CARDS.text, {"viewer": network.ids[viewer], "ids": ids}
            )
            lines.append(
                f"| {label} | {follows[viewer]:,} | {hits:,} | {millis:.1f} | "
                f"{card_hits:,} | {card_millis:.1f} |"
            )
            print(lines[-1])
    out = ROOT / "docs" / "feed-at-scale.md"
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "S")))
