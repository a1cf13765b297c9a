"""One request's share of the driver's pool (Database.with_share): pure unit tests over a
stand-in driver that counts the sessions open at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from cypher.database import Database


class Driver:
    """Opens sessions whose reads take a moment; remembers the most open at once."""

    def __init__(self) -> None:
        self.open = self.most = 0

    def session(self, **_: Any) -> Session:
        return Session(self)

    async def verify_connectivity(self) -> None:
        """The breaker's probe (cypher/breaker.py): this stand-in always answers."""


class Session:
    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    async def __aenter__(self) -> Session:
        self.driver.open += 1
        self.driver.most = max(self.driver.most, self.driver.open)
        return self

    async def __aexit__(self, *_: object) -> None:
        self.driver.open -= 1

    async def run(self, *_: Any) -> Result:
        await asyncio.sleep(0.01)
        return Result()


class Result:
    """A driver's result of one record, `n` = 1: its keys and its records, as columns_of reads."""

    def keys(self) -> tuple[str, ...]:
        return ("n",)

    async def __aiter__(self) -> AsyncIterator[tuple[int]]:
        yield (1,)


async def test_a_requests_reads_run_at_most_its_share_at_once() -> None:
    driver = Driver()
    request = Database(driver, "neo4j").with_share(8)  # type: ignore[arg-type]
    answers = await asyncio.gather(*(request.read("RETURN 1 AS n") for _ in range(40)))
    assert answers == [[{"n": 1}]] * 40
    assert driver.most == 8


async def test_each_request_has_a_share_of_its_own() -> None:
    driver = Driver()
    database = Database(driver, "neo4j")  # type: ignore[arg-type]
    one, other = database.with_share(3), database.with_share(3)
    await asyncio.gather(*(db.read("RETURN 1 AS n") for db in [one, other] * 10))
    assert driver.most == 6
