"""Loads a generated network offline: CSV files, then `neo4j-admin database import full`.

The import writes the store before Neo4j starts: tier L's 81 million relationships took
14 minutes (about 95,000 a second), where batched UNWIND writes through Bolt managed about
15,000 (tier M: 800 s; L would have taken 1.5 hours). The CSV writer shows a progress bar
with its rate; the importer prints its own stages. Constraints and indexes come afterwards
from cypher/migrations.cypher, as for any store.

What is written matches what the app writes: a connection is a CONNECTED relationship with its
pair key plus the two FOLLOWS that accepting creates (R7), less the ones taken back.
"""

from __future__ import annotations

import bisect
import csv
import random
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import localneo4j
from bench.generate import TWO_YEARS_HOURS, Network

Row = list[Any]
PROGRESS_EVERY = 100_000
# No passwordHash: bench members never sign in (the harness issues their tokens), which the app
# treats like a wrong password (resolvers/access/passwords.py).
MEMBER_HEADER = [
    "id:ID",
    "handle",
    "name",
    "headline",
    "email",
    "emailKey",
    "tokenVersion:long",
    "joinedAt:datetime",
    "primaryButton",
    "connectionsVisibility",
    "invitationPolicy",
    "whoCanFollow",
    "openProfile:boolean",
    "acceptsInMail:boolean",
    "inMailCredits:long",
]
FOLLOWS_HEADER = [":START_ID", ":END_ID", "key", "since:datetime"]


@dataclass(frozen=True)
class CsvFile:
    """One file for the importer: a node label or a relationship type, and its rows."""

    name: str
    header: list[str]
    rows: Iterable[Row]
    expected: int  # rows, for the progress bar (an estimate where some are skipped)
    nodes: bool = False

    def argument(self, folder: Path) -> str:
        kind = "nodes" if self.nodes else "relationships"
        return f"--{kind}={self.name}={folder / (self.name + '.csv')}"


class Clock:
    """Timestamps in the past, as ISO strings the importer reads as UTC datetimes."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def ago(self, days: int = 0, hours: int = 0) -> str:
        return (self.now - timedelta(days=days, hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def days_ago(self, days: int) -> list[str]:
        """0 to `days` - 1 days ago, by index: made once, not once a row."""
        return [self.ago(days=day) for day in range(days)]

    def hours_ago(self, hours: int) -> list[str]:
        return [self.ago(hours=hour) for hour in range(hours)]


def flag(value: bool) -> str:
    """A boolean as the importer reads it (it takes "True" for false)."""
    return "true" if value else "false"


def company_ids(network: Network) -> list[str]:
    return [f"company-{index}" for index in range(network.tier.companies)]


def pair_key(a: str, b: str) -> str:
    """The key of a connection or invitation: the two ids, lower first (cypher/migrations)."""
    return f"{a}:{b}" if a < b else f"{b}:{a}"


def member_rows(network: Network, clock: Clock) -> Iterator[Row]:
    """Members with the settings the generator chose and the rest at their defaults."""
    for index, member_id in enumerate(network.ids):
        handle = f"m{index}"
        yield [
            member_id,
            handle,
            f"Member {index}",
            f"Engineer in community {index // 200}",
            f"{handle}@bench.example",
            f"{handle}@bench.example",
            0,
            clock.ago(days=index % 730),
            "FOLLOW" if index in network.follow_button else "CONNECT",
            "ONLY_ME" if index in network.hidden_connections else "CONNECTIONS",
            "KNOWS_EMAIL" if index in network.knows_email else "EVERYONE",
            "EVERYONE",
            flag(index in network.open_profile),
            "true",
            0,
        ]


def connected_rows(network: Network, since: list[str]) -> Iterator[Row]:
    """`since`: each connection's date, in the generator's order."""
    ids = network.ids
    for (a, b), when in zip(network.connections, since, strict=True):
        yield [ids[a], ids[b], pair_key(ids[a], ids[b]), when]


def follow_rows(network: Network, clock: Clock, since: list[str]) -> Iterator[Row]:
    """Each side of a connection follows the other unless taken back (R7); then the celebrity
    follows a connection did not bring already, and the company follows."""
    ids, unfollows, companies = network.ids, network.unfollows, company_ids(network)
    for (a, b), when in zip(network.connections, since, strict=True):
        for follower, followed in ((a, b), (b, a)):
            if (follower, followed) not in unfollows:
                yield [ids[follower], ids[followed], f"{ids[follower]}>{ids[followed]}", when]
    when = clock.ago(days=30)
    for follower, followed in network.follows:
        if not _follows_by_connection(network, follower, followed):
            yield [ids[follower], ids[followed], f"{ids[follower]}>{ids[followed]}", when]
    for member, company in network.company_follows:
        yield [ids[member], companies[company], f"{ids[member]}>{companies[company]}", when]


def _follows_by_connection(network: Network, follower: int, followed: int) -> bool:
    pair = (min(follower, followed), max(follower, followed))
    at = bisect.bisect_left(network.connections, pair)  # the generator sorts them
    connected = at < len(network.connections) and network.connections[at] == pair
    return connected and (follower, followed) not in network.unfollows


def invitation_rows(network: Network, clock: Clock, rng: random.Random) -> Iterator[Row]:
    """Pending invitations, sent between 1 and 20 days ago."""
    ids = network.ids
    for index, (a, b) in enumerate(network.invitations):
        sent = clock.ago(days=1 + rng.randrange(19))
        yield [ids[a], ids[b], f"bench-invitation-{index}", pair_key(ids[a], ids[b]), sent, "false"]


def block_rows(network: Network, clock: Clock) -> Iterator[Row]:
    ids, at = network.ids, clock.ago(days=60)
    for blocker, blocked in network.blocks:
        yield [ids[blocker], ids[blocked], f"{ids[blocker]}>{ids[blocked]}", at]


def post_rows(network: Network, clock: Clock) -> Iterator[Row]:
    """Posts, each row ending with its author's id (a member's or a company's)."""
    authors = network.ids + company_ids(network)
    hours_ago = clock.hours_ago(TWO_YEARS_HOURS)
    for index, (author, hours, audience) in enumerate(network.posts):
        author_id = authors[author]
        text = f"Post {index} of {author_id[:8]}"
        yield [f"p{index}", text, audience, "false", hours_ago[hours], author_id]


def csv_files(network: Network) -> list[CsvFile]:
    clock, rng = Clock(), random.Random(network.seed + 1)
    # Each connection's date, as text made once per day (strftime a row cost most of the time).
    days = clock.days_ago(700)
    since = [days[rng.randrange(700)] for _ in network.connections]
    companies = [
        [key, f"c{index}", f"Company {index}", clock.ago()]
        for index, key in enumerate(company_ids(network))
    ]
    posts = len(network.posts)
    follows = 2 * len(network.connections) + len(network.follows) + len(network.company_follows)
    return [
        CsvFile("Member", MEMBER_HEADER, member_rows(network, clock), len(network.ids), True),
        CsvFile(
            "Company",
            ["id:ID", "handle", "name", "createdAt:datetime"],
            companies,
            len(companies),
            True,
        ),
        CsvFile(
            "Post",
            ["id:ID", "text", "audience", "isShare:boolean", "createdAt:datetime"],
            (row[:-1] for row in post_rows(network, clock)),
            posts,
            True,
        ),
        CsvFile(
            "POSTED",
            [":START_ID", ":END_ID"],
            ([row[-1], row[0]] for row in post_rows(network, clock)),
            posts,
        ),
        CsvFile(
            "CONNECTED",
            [":START_ID", ":END_ID", "pair", "since:datetime"],
            connected_rows(network, since),
            len(network.connections),
        ),
        CsvFile("FOLLOWS", FOLLOWS_HEADER, follow_rows(network, clock, since), follows),
        CsvFile(
            "INVITED",
            [":START_ID", ":END_ID", "id", "pair", "sentAt:datetime", "ignored:boolean"],
            invitation_rows(network, clock, rng),
            len(network.invitations),
        ),
        CsvFile(
            "BLOCKED",
            [":START_ID", ":END_ID", "key", "at:datetime"],
            block_rows(network, clock),
            len(network.blocks),
        ),
    ]


def write(file: CsvFile, folder: Path) -> None:
    started, done = time.monotonic(), 0
    with (folder / f"{file.name}.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(file.header)
        for done, row in enumerate(file.rows, start=1):
            writer.writerow(row)
            if done % PROGRESS_EVERY == 0:
                _progress(file.name, done, file.expected, started)
    _progress(file.name, done, done, started)


def _progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-9)
    filled = 30 * min(done, total) // max(total, 1)
    bar = "#" * filled + "." * (30 - filled)
    sys.stderr.write(f"\r{label:>10} [{bar}] {done:,}/{total:,} rows ({rate:,.0f}/s)")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def load(network: Network, store: Path) -> float:
    """Write the CSV files, import them into an empty store; seconds taken."""
    started = time.monotonic()
    folder = store.parent / "csv"
    folder.mkdir(parents=True, exist_ok=True)
    files = csv_files(network)
    for file in files:
        write(file, folder)
    try:
        localneo4j.import_full(store, [file.argument(folder) for file in files])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return time.monotonic() - started
