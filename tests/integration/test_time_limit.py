"""The transaction time limit (docs/security.md): a write ended by it is rolled back and tried
once more (a cold Neo4j compiles each query on first use, seconds apiece); a write that is slow
every time fails on its second try, and the client is told TIMEOUT (rules.md, "Errors")."""

from __future__ import annotations

import asyncio

import pytest
from neo4j.exceptions import ClientError

from cypher.database import TIME_LIMIT, Database, Transaction
from tests.support.app import TEST_SETTINGS, serve

CREATE = "CREATE (:Probe {attempt: $attempt})"


async def test_a_write_ended_by_the_time_limit_runs_once_more(db: Database) -> None:
    strict = Database(db.driver, db.name, timeout=1)
    attempts: list[int] = []

    async def slow_the_first_time(tx: Transaction) -> str:
        attempts.append(len(attempts) + 1)
        await tx.all(CREATE, attempt=attempts[-1])
        if len(attempts) == 1:
            # Past the limit and the server's check of it (every 2 s): the next statement fails.
            await asyncio.sleep(3.5)
        await tx.all("RETURN 1")
        return "done"

    assert await strict.transaction(slow_the_first_time) == "done"
    assert attempts == [1, 2]
    rows = await db.read("MATCH (p:Probe) RETURN p.attempt AS attempt")
    assert rows == [{"attempt": 2}]  # the first try was rolled back


async def test_a_write_slow_every_time_fails_on_its_second_try(db: Database) -> None:
    strict = Database(db.driver, db.name, timeout=1)
    attempts = 0

    async def always_slow(tx: Transaction) -> None:
        nonlocal attempts
        attempts += 1
        await tx.all(CREATE, attempt=attempts)
        await asyncio.sleep(3.5)
        await tx.all("RETURN 1")

    with pytest.raises(ClientError) as ended:
        await strict.transaction(always_slow)
    assert (ended.value.code, attempts) == (TIME_LIMIT, 2)
    assert await db.read("MATCH (p:Probe) RETURN p") == []


UPDATE_HEADLINE = """
mutation { updateProfile(input: {headline: "Still here"}) { member { headline } } }
"""


async def test_a_request_at_its_time_limit_answers_timeout_not_an_internal_error(
    db: Database,
) -> None:
    strict = Database(db.driver, db.name, timeout=1)
    async with serve(strict, TEST_SETTINGS) as api:
        member = await api.sign_up()
        # Another transaction holds the member's node: the update waits for it past its limit,
        # twice (a write ended by the limit is tried once more), and is ended each time.
        async with db.driver.session(database=db.name) as session:
            holder = await session.begin_transaction()
            held = await holder.run(
                "MATCH (m:Member {handle: $handle}) SET m.held = true", handle=member.handle
            )
            await held.consume()
            try:
                body = await api.run(UPDATE_HEADLINE, token=member.token)
            finally:
                await holder.rollback()
        assert body["data"] is None
        assert [error["extensions"]["code"] for error in body["errors"]] == ["TIMEOUT"]
        assert "narrow it or try again later" in body["errors"][0]["message"]
        profile = await api.data("{ viewer { member { headline } } }", token=member.token)
        assert profile["viewer"]["member"]["headline"] != "Still here"  # nothing of it was written
