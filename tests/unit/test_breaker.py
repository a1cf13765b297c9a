"""The circuit breaker (cypher/breaker.py) on its own, the database played by a probe that
answers or not: a stale connection is run again, a database gone is refused at once until a
probe finds it back, one probe at a time. The real outage is tests/reliability's."""

from __future__ import annotations

import asyncio

import pytest
from neo4j.exceptions import IncompleteCommit, ServiceUnavailable, SessionExpired

from cypher.breaker import Breaker, DatabaseDown


class Database:
    """Answers the probe while `up`; counts probes."""

    def __init__(self) -> None:
        self.up = True
        self.probes = 0

    async def probe(self) -> None:
        self.probes += 1
        await asyncio.sleep(0.01)
        if not self.up:
            raise ServiceUnavailable("connection refused")


class Calls:
    """A query that loses its connection the first `failures` times, then answers 42."""

    def __init__(self, failures: int, error: Exception | None = None) -> None:
        self.failures = failures
        self.error = error or SessionExpired("connection lost")
        self.count = 0

    async def __call__(self) -> int:
        self.count += 1
        if self.count <= self.failures:
            raise self.error
        return 42


def breaker_for(database: Database) -> Breaker:
    return Breaker(database.probe, probe_seconds=0.2, interval_seconds=0.02)


async def test_a_stale_connection_runs_the_query_once_more_while_the_database_answers() -> None:
    database = Database()
    breaker = breaker_for(database)
    query = Calls(failures=1)
    assert await breaker.run(query) == 42
    assert (query.count, database.probes, breaker.is_open) == (2, 1, False)


async def test_a_database_gone_opens_the_breaker_and_refuses_without_asking() -> None:
    database = Database()
    database.up = False
    breaker = breaker_for(database)
    first = Calls(failures=1, error=ServiceUnavailable("connection refused"))
    with pytest.raises(DatabaseDown):
        await breaker.run(first)
    assert breaker.is_open
    assert first.count == 1
    later = Calls(failures=0)
    with pytest.raises(DatabaseDown):
        await breaker.run(later)
    assert later.count == 0  # refused before the driver was asked
    await breaker.stop()


async def test_a_probe_that_finds_the_database_back_closes_the_breaker() -> None:
    database = Database()
    database.up = False
    breaker = breaker_for(database)
    with pytest.raises(DatabaseDown):
        await breaker.run(Calls(failures=1))
    probes_while_down = database.probes
    await asyncio.sleep(0.1)
    assert database.probes > probes_while_down  # it keeps asking while open
    assert breaker.is_open
    database.up = True
    for _ in range(50):
        if not breaker.is_open:
            break
        await asyncio.sleep(0.02)
    assert not breaker.is_open
    assert await breaker.run(Calls(failures=0)) == 42


async def test_queries_that_lose_their_connections_together_share_one_probe() -> None:
    database = Database()
    database.up = False
    breaker = breaker_for(database)
    queries = [Calls(failures=1) for _ in range(20)]
    answers = await asyncio.gather(*(breaker.run(q) for q in queries), return_exceptions=True)
    assert all(isinstance(answer, DatabaseDown) for answer in answers)
    assert database.probes <= 2  # one probe for all twenty (and perhaps the first recovery one)
    await breaker.stop()


async def test_a_commit_whose_answer_was_lost_is_never_run_again() -> None:
    database = Database()
    breaker = breaker_for(database)
    query = Calls(failures=1, error=IncompleteCommit("lost during COMMIT"))
    with pytest.raises(IncompleteCommit):
        await breaker.run(query)
    assert query.count == 1
    assert not breaker.is_open  # the database still answers: nothing to refuse
