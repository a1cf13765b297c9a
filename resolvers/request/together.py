"""One statement for the batch queries a request starts at the same time.

A page of members loads their cards and the viewer's relations to them in two batches that
start in the same turn of the event loop (schema.pipeline.lookahead starts both). Each query
costs the driver and the server a fixed price, about as much as a page's worth of rows: sent
as one statement (cypher.side_by_side), the two cost one query's price and one round trip.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import cypher
from cypher import Query
from cypher.database import Database, shaped
from cypher.rows import Rows
from resolvers.request.batching import shared

R = TypeVar("R", bound=Mapping[str, Any])
Item = TypeVar("Item")

MOST_QUERIES = 4  # in one statement: a page needs two or three side by side


@dataclass(frozen=True)
class Batch:
    """One query that answers a single row, and its parameters."""

    query: Query[Any]
    params: dict[str, Any]
    answer: asyncio.Future[Any] = field(compare=False)


class Together:
    """Batch queries started in one turn of the event loop, sent as one statement."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._waiting: list[Batch] = []
        self._reading: set[asyncio.Task[None]] = set()  # held: the loop holds tasks weakly

    async def read_one(self, query: Query[R], **params: Any) -> R | None:
        """The row of `query`, a query answering at most one row, read together with the other
        queries started in this turn."""
        answer: asyncio.Future[R | None] = shared(asyncio.get_running_loop().create_future())
        self._waiting.append(Batch(query, params, answer))
        if len(self._waiting) == 1:
            asyncio.get_running_loop().call_soon(self._send)
        return await answer

    async def read_items(self, query: Query[Rows[Item]], **params: Any) -> list[Item]:
        """The items of a query that answers one row holding them as a list, `rows`."""
        row = await self.read_one(query, **params)
        return list(row["rows"]) if row else []

    def _send(self) -> None:
        waiting, self._waiting = self._waiting, []
        for batches in _statements(waiting):
            task = asyncio.ensure_future(self._read(batches))
            self._reading.add(task)
            task.add_done_callback(self._reading.discard)

    async def _read(self, batches: list[Batch]) -> None:
        try:
            rows = await self._rows(batches)
        except asyncio.CancelledError:
            for batch in batches:
                batch.answer.cancel()
            raise
        except Exception as error:  # every query of the statement fails with it
            for batch in batches:
                if not batch.answer.done():
                    batch.answer.set_exception(error)
            return
        for batch, row in zip(batches, rows, strict=True):
            if not batch.answer.done():
                batch.answer.set_result(row)

    async def _rows(self, batches: list[Batch]) -> list[Any]:
        if len(batches) == 1:
            (batch,) = batches
            return [await self._db.read_one(batch.query, **batch.params)]
        params: dict[str, Any] = {}
        for index, batch in enumerate(batches):
            params |= {f"q{index}_{key}": value for key, value in batch.params.items()}
        queries = tuple(batch.query for batch in batches)
        row = await self._db.read_one(_statement(queries), **params)
        assert row is not None  # side_by_side answers one row
        answers = [row[f"q{index}"] for index in range(len(batches))]
        for query, answer in zip(queries, answers, strict=True):
            shaped(query, [answer] if answer is not None else [], self._db.check_rows)
        return answers


@functools.lru_cache(maxsize=1024)
def _statement(queries: tuple[Query[Any], ...]) -> Query[dict[str, Any]]:
    """The queries side by side, each as `q<index>` with its parameters so prefixed: made once
    for each set of queries a request reads together (a few dozen in all), not per request."""
    parts = {f"q{index}": _renamed(query, f"q{index}") for index, query in enumerate(queries)}
    return cypher.side_by_side(**parts)


def _statements(waiting: list[Batch]) -> list[list[Batch]]:
    """The waiting batches in statements of different queries, at most MOST_QUERIES each. The
    same query twice in a turn (thirty aliased `member(handle:)` fields) goes as statements of
    its own: Neo4j plans a statement as a whole, and thirty copies of a query in one took it
    longer than the time limit to plan, where each copy alone is planned once and cached."""
    statements: list[list[Batch]] = []
    for batch in waiting:
        fits = (
            s
            for s in statements
            if len(s) < MOST_QUERIES and all(other.query != batch.query for other in s)
        )
        statement = next(fits, None)
        if statement is None:
            statements.append([batch])
        else:
            statement.append(batch)
    return statements


def _renamed(query: Query[R], prefix: str) -> Query[R]:
    """`query` with its parameters prefixed (cypher.prefixed)."""
    return dataclasses.replace(query, text=cypher.prefixed(query.text, prefix))
