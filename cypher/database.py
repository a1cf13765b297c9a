"""The one place that runs Cypher: transactions, routed READ or WRITE, explicit database.

A write transaction runs again after a transient error (`retried`) or a stale connection
(cypher/breaker.py), so every write query must be safe to run twice (MERGE under a uniqueness
constraint, or guarded CREATE). While the database is down, the process's breaker refuses
every query at once.

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
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from typing import Any, LiteralString, TypeVar, overload

import neo4j
from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncNeo4jDriver,
    AsyncSession,
    AsyncTransaction,
    RoutingControl,
)
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import ClientError, TransientError

from cypher import Query
from cypher.breaker import Breaker
from cypher.rows import check
from cypher.timing import database_time, query_time

log = logging.getLogger("vernetzt.database")

Row = dict[str, Any]  # a row of a query written in place (tests, studies): no shape
T = TypeVar("T")
R = TypeVar("R", bound=Mapping[str, Any])

# Told +1 when a session of this process opens and -1 when it closes: a running session holds
# one of the driver's pooled connections (the metrics' pool in use).
SessionObserver = Callable[[int], None]
_session_observers: list[SessionObserver] = []


def on_sessions(observer: SessionObserver) -> None:
    if observer not in _session_observers:
        _session_observers.append(observer)


@contextlib.asynccontextmanager
async def counted(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """`session`, opened and closed, counted by the observers meanwhile."""
    for observer in _session_observers:
        observer(1)
    try:
        async with session:
            yield session
    finally:
        for observer in _session_observers:
            observer(-1)


def shaped(query: Query[Any] | LiteralString, rows: list[Row], checked: bool) -> list[Any]:
    """`rows` as the query's shape says, checked against it when `checked` (the test suite);
    a query written in place has no shape to check."""
    if checked and isinstance(query, Query):
        for row in rows:
            check(row, query.shape, query.name)
    return rows


async def columns_of(result: neo4j.AsyncResult) -> list[Row]:
    """Each record as a dict of its columns, as they came. `Result.data()` would walk every
    value once more to turn nodes into dicts (7% of a feed request's CPU in py-spy's samples);
    our queries return maps, lists and scalars only, which the test suite checks (rows.check)."""
    keys = result.keys()
    return [dict(zip(keys, record, strict=True)) async for record in result]


def text_of(query: Query[Any] | LiteralString) -> LiteralString:
    return query.text if isinstance(query, Query) else query


def name_of(query: Query[Any] | LiteralString) -> str:
    """The query's name for the metrics: its file's, or `inline` (tests, studies)."""
    return query.name if isinstance(query, Query) else "inline"


class Transaction:
    """The queries of one managed transaction: read, decide in Python, write, all or nothing."""

    def __init__(self, tx: AsyncTransaction, checked: bool = False) -> None:
        self._tx = tx
        self._checked = checked

    @overload
    async def all(self, query: Query[R], **params: Any) -> list[R]: ...
    @overload
    async def all(self, query: LiteralString, **params: Any) -> list[Row]: ...
    async def all(self, query: Query[Any] | LiteralString, **params: Any) -> list[Any]:
        with query_time(name_of(query)):
            rows = await columns_of(await self._tx.run(text_of(query), params))
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
    `check_rows`: every row of a bound query is checked against its shape (the test suite).
    `breaker`: the process's circuit breaker (cypher/breaker.py), shared by every view."""

    def __init__(
        self,
        driver: AsyncDriver,
        name: str,
        timeout: float | None = None,
        bookmarks: AsyncBookmarkManager | None = None,
        confirm: Callable[[], Awaitable[None]] | None = None,
        check_rows: bool = False,
        breaker: Breaker | None = None,
    ) -> None:
        self.driver = driver
        self.breaker = breaker or Breaker(driver.verify_connectivity)
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
        # Whether discovery reads from the network index's procedures (cypher/network_index.py
        # finds out at start); until then, and without them, from the reference Cypher.
        self.network_index = False

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
        view = Database(
            self.driver,
            self.name,
            self.timeout,
            manager,
            check_rows=self.check_rows,
            breaker=self.breaker,
        )
        view.network_index = self.network_index
        return view

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
        """Run `work` in one write transaction; it runs again after a transient error (a
        deadlock), so `work` must read the state it decides on inside the transaction.
        `time_limit` (seconds) replaces the usual limit for a transaction known to be big (an
        account's deletion)."""

        async def attempt() -> T:
            async with (
                self._session() as session,
                await session.begin_transaction(timeout=time_limit or self.timeout) as tx,
            ):
                answer = await work(Transaction(tx, self.check_rows))
                await self._confirmed()
                await tx.commit()
                return answer

        with database_time():
            answer = await once_more_after_time_limit(lambda: self._attempts(attempt))
        self._mark_written()
        return answer

    async def _attempts(self, attempt: Callable[[], Awaitable[T]]) -> T:
        """`attempt()` through the breaker, again after a transient error (retried)."""
        return await retried(lambda: self.breaker.run(attempt))

    async def _run(
        self, query: LiteralString, params: dict[str, Any], routing: RoutingControl
    ) -> list[Row]:
        with database_time():
            if routing is RoutingControl.READ:
                async with self._share or contextlib.nullcontext():
                    return await self.breaker.run(lambda: self._auto_commit(query, params))
            await self._confirmed()  # an auto-commit write cannot be taken back
            rows = await self._attempts(lambda: self._auto_commit(query, params, WRITE_ACCESS))
        self._mark_written()
        return rows

    def _session(
        self, access: str = WRITE_ACCESS
    ) -> contextlib.AbstractAsyncContextManager[AsyncSession]:
        session = self.driver.session(
            database=self.name, default_access_mode=access, bookmark_manager=self._bookmarks
        )
        return counted(session)

    async def _confirmed(self) -> None:
        if self._confirm is not None:
            await self._confirm()

    async def _auto_commit(
        self, query: LiteralString, params: dict[str, Any], access: str = READ_ACCESS
    ) -> list[Row]:
        """A query as one auto-commit transaction: BEGIN, RUN and PULL go out together and no
        COMMIT follows, one round trip where an explicit transaction takes two (2.6 ms less a
        query here). A read has nothing to retry on one server."""
        async with self._session(access) as session:
            result = await session.run(neo4j.Query(query, timeout=self.timeout), params)
            return await columns_of(result)


# The server ended the transaction at its time limit; it was rolled back, nothing of it stays.
TIME_LIMIT = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
# What a transaction ended by a time limit answers: the driver's (TIME_LIMIT), the server's own
# (db.transaction.timeout), or, when it was waiting for a lock then, that its locks were
# stopped (which a shutdown or an operator's kill also answers: retrying later suits all three).
TIME_LIMITS = frozenset(
    {
        TIME_LIMIT,
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.ClientError.Transaction.LockClientStopped",
    }
)


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


RETRY_SECONDS = 3.0  # how long transient errors (deadlocks, lock waits) are tried again
FIRST_RETRY_SECONDS = 0.05  # then twice as long each time, give or take a fifth


async def retried(attempt: Callable[[], Awaitable[T]]) -> T:
    """`attempt()`, again after a transient error the server says may succeed on a second
    try (two writers took each other's locks), for up to RETRY_SECONDS. The driver's own
    retries waited a second before the first; a deadlock resolves in milliseconds."""
    deadline = time.monotonic() + RETRY_SECONDS
    pause = FIRST_RETRY_SECONDS
    while True:
        try:
            return await attempt()
        except TransientError as error:
            if not error.is_retryable() or time.monotonic() + pause > deadline:
                raise
            log.info("transient error, trying again in %.2f s: %s", pause, error.code)
        # Jitter, so that two writers that met once do not meet again: not a secret.
        await asyncio.sleep(pause * random.uniform(0.8, 1.2))  # noqa: S311
        pause *= 2


def open_driver(uri: str, user: str, password: str) -> AsyncDriver:
    """One async driver per process; notifications off (they are for humans at a console)."""
    auth = (user, password) if user else None
    return AsyncGraphDatabase.driver(
        uri,
        auth=auth,
        notifications_min_severity="OFF",
        # How long a connection may take to open; once one fails, the breaker answers for
        # the database until it is back (cypher/breaker.py). Transactions are retried by
        # `retried`, not by the driver.
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
    )
