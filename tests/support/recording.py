"""A Database that records every call the app makes to it, to count what a request costs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, LiteralString, TypeVar

from neo4j import AsyncDriver

from cypher import Query
from cypher.database import Database, Transaction, text_of

T = TypeVar("T")


@dataclass(frozen=True)
class Call:
    """One call to the database: an auto-commit read or write with its Cypher text, or one
    managed transaction (named by its work function; its queries are not told apart)."""

    kind: Literal["read", "write", "transaction"]
    query: str


class RecordingDatabase(Database):
    """A Database recording every public call in `calls`, in order. read_one and write_one go
    through read and write, so each of the app's queries is one entry; a transaction is one
    entry however many queries it runs."""

    def __init__(self, driver: AsyncDriver, name: str, timeout: float | None = None) -> None:
        super().__init__(driver, name, timeout)
        self.calls: list[Call] = []

    @classmethod
    def sharing(cls, db: Database) -> RecordingDatabase:
        """A recording database on the driver, database name and timeout of `db`."""
        return cls(db.driver, db.name, db.timeout)

    async def read(self, query: Query[Any] | LiteralString, **params: Any) -> list[Any]:
        self.calls.append(Call("read", text_of(query)))
        return await super().read(query, **params)

    async def write(self, query: Query[Any] | LiteralString, **params: Any) -> list[Any]:
        self.calls.append(Call("write", text_of(query)))
        return await super().write(query, **params)

    async def transaction(
        self, work: Callable[[Transaction], Awaitable[T]], time_limit: float | None = None
    ) -> T:
        self.calls.append(Call("transaction", work.__qualname__))
        return await super().transaction(work, time_limit)
