"""How long a request waited for the database: the Database marks each query with
`database_time()`, within a clock that the edge starts for the request (`measured`, read by
server.timing for the Server-Timing header). Queries of one request overlap (sibling fields
resolve concurrently), so the clock counts the wall-clock time during which at least one query
was running, not the sum of their durations.

Each named query's own time also goes to whoever asked for it (`on_query`: the metrics).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar

QueryObserver = Callable[[str, float], None]
_observers: list[QueryObserver] = []


def on_query(observer: QueryObserver) -> None:
    """`observer(name, seconds)` after every query of this process (once per observer)."""
    if observer not in _observers:
        _observers.append(observer)


@contextlib.contextmanager
def query_time(name: str) -> Iterator[None]:
    """Tells the observers how long the query `name` (its .cypher file's) took."""
    if not _observers:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        for observer in _observers:
            observer(name, seconds)


class DatabaseClock:
    def __init__(self) -> None:
        self.running = 0
        self.since = 0.0
        self.seconds = 0.0

    def enter(self) -> None:
        if self.running == 0:
            self.since = time.perf_counter()
        self.running += 1

    def leave(self) -> None:
        self.running -= 1
        if self.running == 0:
            self.seconds += time.perf_counter() - self.since


_clock: ContextVar[DatabaseClock | None] = ContextVar("database_clock", default=None)


@contextlib.contextmanager
def database_time() -> Iterator[None]:
    clock = _clock.get()
    if clock is None:
        yield
        return
    clock.enter()
    try:
        yield
    finally:
        clock.leave()


def current_clock() -> DatabaseClock | None:
    """The clock of the request under way, if one is measured (the request's log line)."""
    return _clock.get()


@contextlib.contextmanager
def measured() -> Iterator[DatabaseClock]:
    """A clock for the queries run within: one request's."""
    clock = DatabaseClock()
    token = _clock.set(clock)
    try:
        yield clock
    finally:
        _clock.reset(token)
