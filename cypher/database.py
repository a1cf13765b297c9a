"""The one place that runs Cypher: managed transactions, routed READ or WRITE, explicit database.

A managed transaction may be retried by the driver on transient errors, so every write query
must be safe to run twice (MERGE under a uniqueness constraint, or guarded CREATE).

Bookmarks only where they mean something. On one server (`bolt://`) a committed write is seen
by every later read, and the driver's bookmark manager only cost time (0.9 ms a read, 2.1 ms a
write, measured), so none is used. On a routing driver (`neo4j://`, a cluster) a read may go to a
secondary that has not caught up yet: there each request gets its own `causally_after` view whose
bookmark manager orders its reads after its own writes and after the bookmarks the client brought
(docs/scaling.md, read-your-writes).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, LiteralString, TypeVar, overload

import neo4j
from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    AsyncNeo4jDriver,
    RoutingControl,
    unit_of_work,
)
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import ClientError

from cypher import Query
from cypher.rows import check
from cypher.timing import database_time, query_time

log = logging.getLogger("vernetzt.database")

Row = dict[str, Any]  # a row of a query written in place (tests, studies): no shape
T = TypeVar("T")
R = TypeVar("R", bound=Mapping[str, Any])


def shaped(query: Query[Any] | LiteralString, rows: list[Row], checked: bool) -> list[Any]:
    """`rows` as the query's shape says, checked against it when `checked` (the test suite);
    a query written in place has no shape to check."""
    if checked and isinstance(query, Query):
        for row in rows:
            check(row, query.shape, query.name)
    return rows


def text_of(query: Query[Any] | LiteralString) -> LiteralString:
    return query.text if isinstance(query, Query) else query


def name_of(query: Query[Any] | LiteralString) -> str:
    """The query's name for the metrics: its file's, or `inline` (tests, studies)."""
    return query.name if isinstance(query, Query) else "inline"


class Transaction:
    """The queries of one managed transaction: read, decide in Python, write, all or nothing."""

    def __init__(self, tx: AsyncManagedTransaction, checked: bool = False) -> None:
        self._tx = tx
        self._checked = checked

    @overload
    async def all(self, query: Query[R], **params: Any) -> list[R]: ...
    @overload
    async def all(self, query: LiteralString, **params: Any) -> list[Row]: ...
    async def all(self, query: Query[Any] | LiteralString, **params: Any) -> list[Any]:
        with query_time(name_of(query)):
            result = await self._tx.run(text_of(query), params)
            rows = [record.data() async for record in result]
        return shaped(query, rows, self._checked)

    @overload
    async def one(self, query: Query[R], **params: Any) -> R | None: ...
    @overload
    async def one(self, query: LiteralString, **params: Any) -> Row | None: ...
    async def one(self, query: Query[Any] | LiteralString, **params: Any) -> Any:
        rows = await self.all(query, **params)
        return rows[0] if rows else None


class Database:
    """`timeout`: seconds any one transaction may run before the server ends it (None: none).
    `bookmarks`: the causal chain this view's sessions join (None: no bookmarks).
    `confirm`: awaited before any write of this view commits; it raises to refuse the write.
    `check_rows`: every row of a bound query is checked against its shape (the test suite)."""

    def __init__(
        self,
        driver: AsyncDriver,
        name: str,
        timeout: float | None = None,
        bookmarks: AsyncBookmarkManager | None = None,
        confirm: Callable[[], Awaitable[None]] | None = None,
        check_rows: bool = False,
    ) -> None:
        self.driver = driver
        self.name = name
        self.timeout = timeout
        self.check_rows = check_rows
        self._bookmarks = bookmarks
        self._confirm = confirm
        # One request's share of the driver's pool: its reads beyond this many wait (with_share).
        self._share: asyncio.Semaphore | None = None
        # Whether this request's view committed a write, so that its bookmarks are worth
        # handing out; never set on the process's shared database (no bookmarks there).
        self.wrote = False

    def _mark_written(self) -> None:
        if self._bookmarks is not None:
            self.wrote = True

    @property
    def routed(self) -> bool:
        """Whether the driver routes (`neo4j://`): reads may then go to another server."""
        return isinstance(self.driver, AsyncNeo4jDriver)

    def causally_after(self, bookmarks: Iterable[str]) -> Database:
        """A view for one request whose reads see `bookmarks` and its own writes. On a direct
        driver every read sees every committed write already: the view is this database."""
        if not self.routed:
            return self
        manager = AsyncGraphDatabase.bookmark_manager(initial_bookmarks=list(bookmarks))
        return Database(self.driver, self.name, self.timeout, manager, check_rows=self.check_rows)

    def confirmed_by(self, confirm: Callable[[], Awaitable[None]]) -> Database:
        """A view for one request whose writes commit only once `confirm()` has returned. The
        request's session check (R24) runs beside its work: a transaction does its reads and
        writes meanwhile and waits for the check only to commit, one round trip sooner than
        waiting for it before the transaction begins; a refusal rolls the transaction back."""
        view = copy.copy(self)  # of the same class: a recording database keeps recording
        view._confirm = confirm
        return view

    def with_share(self, reads: int) -> Database:
        """A view for one request whose reads run at most `reads` at a time. The driver holds
        100 connections for the whole process; a request that fans out (a page of 100 cards,
        each with its lists) waits for itself instead of taking them all, and with them a
        5-second wait from every other request of the process."""
        view = copy.copy(self)
        view._share = asyncio.Semaphore(reads)
        return view

    async def bookmarks(self) -> list[str]:
        """The view's bookmarks: what a later read must wait for to see what this view saw."""
        if self._bookmarks is None:
            return []
        return sorted(await self._bookmarks.get_bookmarks())

    @overload
    async def read(self, query: Query[R], **params: Any) -> list[R]: ...
    @overload
    async def read(self, query: LiteralString, **params: Any) -> list[Row]: ...
    async def read(self, query: Query[Any] | LiteralString, **params: Any) -> list[Any]:
        with query_time(name_of(query)):
            rows = await self._run(text_of(query), params, RoutingControl.READ)
        return shaped(query, rows, self.check_rows)

    @overload
    async def read_one(self, query: Query[R], **params: Any) -> R | None: ...
    @overload
    async def read_one(self, query: LiteralString, **params: Any) -> Row | None: ...
    async def read_one(self, query: Query[Any] | LiteralString, **params: Any) -> Any:
        rows = await self.read(query, **params)
        return rows[0] if rows else None

    @overload
    async def write(self, query: Query[R], **params: Any) -> list[R]: ...
    @overload
    async def write(self, query: LiteralString, **params: Any) -> list[Row]: ...
    async def write(self, query: Query[Any] | LiteralString, **params: Any) -> list[Any]:
        with query_time(name_of(query)):
            rows = await self._run(text_of(query), params, RoutingControl.WRITE)
        return shaped(query, rows, self.check_rows)

    @overload
    async def write_one(self, query: Query[R], **params: Any) -> R | None: ...
    @overload
    async def write_one(self, query: LiteralString, **params: Any) -> Row | None: ...
    async def write_one(self, query: Query[Any] | LiteralString, **params: Any) -> Any:
        rows = await self.write(query, **params)
        return rows[0] if rows else None

    async def transaction(
        self, work: Callable[[Transaction], Awaitable[T]], time_limit: float | None = None
    ) -> T:
        """Run `work` in one write transaction; the driver may run it again on a transient error,
        so `work` must read the state it decides on inside the transaction. `time_limit` (seconds)
        replaces the usual limit for a transaction known to be big (an account's deletion)."""

        @unit_of_work(timeout=time_limit or self.timeout)
        async def managed(tx: AsyncManagedTransaction) -> T:
            answer = await work(Transaction(tx, self.check_rows))
            await self._confirmed()
            return answer

        async def run() -> T:
            async with self.driver.session(
                database=self.name, bookmark_manager=self._bookmarks
            ) as session:
                return await session.execute_write(managed)

        with database_time():
            answer = await once_more_after_time_limit(run)
        self._mark_written()
        return answer

    async def _run(
        self, query: LiteralString, params: dict[str, Any], routing: RoutingControl
    ) -> list[Row]:
        with database_time():
            if routing is RoutingControl.READ:
                async with self._share or contextlib.nullcontext():
                    return await self._read_auto_commit(query, params)
            await self._confirmed()  # an auto-commit write cannot be taken back
            records, _, _ = await self.driver.execute_query(
                neo4j.Query(query, timeout=self.timeout),
                parameters_=params,
                routing_=routing,
                database_=self.name,
                bookmark_manager_=self._bookmarks,
            )
        self._mark_written()
        return [record.data() for record in records]

    async def _confirmed(self) -> None:
        if self._confirm is not None:
            await self._confirm()

    async def _read_auto_commit(self, query: LiteralString, params: dict[str, Any]) -> list[Row]:
        """A read as one auto-commit transaction: BEGIN, RUN and PULL go out together and no
        COMMIT follows, one round trip where a managed transaction takes two (2.6 ms less a
        query here). A read has nothing to retry on one server."""
        async with self.driver.session(
            database=self.name, default_access_mode=READ_ACCESS, bookmark_manager=self._bookmarks
        ) as session:
            result = await session.run(neo4j.Query(query, timeout=self.timeout), params)
            return await result.data()


# The server ended the transaction at its time limit; it was rolled back, nothing of it stays.
TIME_LIMIT = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"


async def once_more_after_time_limit(run: Callable[[], Awaitable[T]]) -> T:
    """Run a write transaction; if the time limit ended it, run it once more. A Neo4j that has
    just started compiles each query on first use, up to 4 s apiece while its JIT is cold
    (measured on a fresh store), so the first invitation after a start, four statements, could
    pass the 5 s limit where its second run, with the plans cached, takes 0.1 s. A transaction
    that is slow for any other reason fails on its second try (10 s in all at most)."""
    try:
        return await run()
    except ClientError as error:
        if error.code != TIME_LIMIT:
            raise
        log.warning("a transaction reached its time limit; trying it once more")
        return await run()


def open_driver(uri: str, user: str, password: str) -> AsyncDriver:
    """One async driver per process; notifications off (they are for humans at a console)."""
    auth = (user, password) if user else None
    return AsyncGraphDatabase.driver(
        uri,
        auth=auth,
        notifications_min_severity="OFF",
        # Short enough that a request answers within 10 s while the database is down.
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
        max_transaction_retry_time=3.0,
    )
