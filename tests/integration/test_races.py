"""Conflicting operations fired concurrently, many times: exactly one outcome each time, and the
database keeps its invariants (R4, R7, R8, R13, R18)."""

from __future__ import annotations

import asyncio

from cypher.database import Database
from tests.support.client import Account, Api
from tests.support.network import (
    ACCEPT,
    BLOCK,
    FOLLOW,
    UNFOLLOW,
    WITHDRAW,
    codes,
    invitation_between,
    invite,
    mutate,
)

TRIALS = 10

# Each query counts violations of one invariant; all must be zero.
INVARIANTS = {
    "two connections for one pair": """
        MATCH (a:Member)-[c:CONNECTED]-(b:Member) WHERE a.id < b.id
        WITH a, b, count(c) AS n WHERE n > 1 RETURN count(*) AS violations""",
    "an invitation between connected members": """
        MATCH (a:Member)-[:INVITED]-(b:Member) WHERE EXISTS { (a)-[:CONNECTED]-(b) }
        RETURN count(*) AS violations""",
    "an invitation between blocked members": """
        MATCH (a:Member)-[:INVITED]-(b:Member) WHERE EXISTS { (a)-[:BLOCKED]-(b) }
        RETURN count(*) AS violations""",
    "a connection between blocked members": """
        MATCH (a:Member)-[:CONNECTED]-(b:Member) WHERE EXISTS { (a)-[:BLOCKED]-(b) }
        RETURN count(*) AS violations""",
    "two invitations for one pair": """
        MATCH (a:Member)-[i:INVITED]-(b:Member) WHERE a.id < b.id
        WITH a, b, count(i) AS n WHERE n > 1 RETURN count(*) AS violations""",
    "two follows of one target": """
        MATCH (a:Member)-[f:FOLLOWS]->(b)
        WITH a, b, count(f) AS n WHERE n > 1 RETURN count(*) AS violations""",
    "a connection without both follows": """
        MATCH (a:Member)-[:CONNECTED]-(b:Member)
        WHERE NOT EXISTS { (a)-[:FOLLOWS]->(b) } RETURN count(*) AS violations""",
}


async def assert_invariants(db: Database) -> None:
    for name, query in INVARIANTS.items():
        row = await db.read_one(query)
        assert row == {"violations": 0}, name


async def connected(db: Database, a: Account, b: Account) -> bool:
    row = await db.read_one(
        "MATCH (a:Member {handle: $a}) "
        "RETURN EXISTS { (a)-[:CONNECTED]-(:Member {handle: $b}) } AS connected",
        a=a.handle,
        b=b.handle,
    )
    return bool(row and row["connected"])


async def pair(api: Api, trial: int, name: str) -> tuple[Account, Account]:
    return await api.sign_up(f"{name}-a-{trial}"), await api.sign_up(f"{name}-b-{trial}")


async def test_r4_crossed_invitations_connect_once(api: Api, db: Database) -> None:
    for trial in range(TRIALS):
        a, b = await pair(api, trial, "cross")
        answers = await asyncio.gather(invite(api, a, b), invite(api, b, a))
        assert [codes(answer) for answer in answers] == [[], []]
        assert await connected(db, a, b)
    await assert_invariants(db)


async def test_r7_double_accept_connects_once(api: Api, db: Database) -> None:
    for trial in range(TRIALS):
        a, b = await pair(api, trial, "double")
        await invite(api, a, b)
        invitation = await invitation_between(api, b, a, "invitationReceived")
        answers = await asyncio.gather(*(mutate(api, ACCEPT, b, id=invitation) for _ in range(3)))
        assert sorted(str(codes(answer)) for answer in answers) == [
            "['NOT_FOUND']",
            "['NOT_FOUND']",
            "[]",
        ]
    await assert_invariants(db)


async def test_r8_accept_racing_withdraw_has_one_winner(api: Api, db: Database) -> None:
    for trial in range(TRIALS):
        a, b = await pair(api, trial, "race")
        await invite(api, a, b)
        invitation = await invitation_between(api, b, a, "invitationReceived")
        accepted, withdrawn = await asyncio.gather(
            mutate(api, ACCEPT, b, id=invitation), mutate(api, WITHDRAW, a, id=invitation)
        )
        winners = [codes(accepted) == [], codes(withdrawn) == []]
        assert winners.count(True) == 1
        assert await connected(db, a, b) == winners[0]
    await assert_invariants(db)


async def test_r18_block_racing_accept_leaves_only_the_block(api: Api, db: Database) -> None:
    for trial in range(TRIALS):
        a, b = await pair(api, trial, "block")
        await invite(api, a, b)
        invitation = await invitation_between(api, b, a, "invitationReceived")
        answers = await asyncio.gather(
            mutate(api, BLOCK, a, id=b.id), mutate(api, ACCEPT, b, id=invitation)
        )
        assert codes(answers[0]) == []
        assert not await connected(db, a, b)
    await assert_invariants(db)


async def test_r13_follow_and_unfollow_storms_keep_counts_equal_to_follows(
    api: Api, db: Database
) -> None:
    star = await api.sign_up("star")
    fans = [await api.sign_up(f"fan-{i}") for i in range(5)]
    for trial in range(TRIALS):
        storm = [
            mutate(api, FOLLOW if (i + trial) % 3 else UNFOLLOW, fan, id=star.id)
            for i, fan in enumerate(fans * 3)
        ]
        assert all(codes(answer) == [] for answer in await asyncio.gather(*storm))
        card = await api.data('{ member(handle: "star") { followerCount } }')
        row = await db.read_one(
            "MATCH (:Member {handle: 'star'})<-[f:FOLLOWS]-(:Member) RETURN count(f) AS follows"
        )
        assert row is not None
        assert card["member"]["followerCount"] == row["follows"]
    await assert_invariants(db)
