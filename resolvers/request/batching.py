"""Batched, cached loads for one request: every key asked for in one turn of the event loop is
loaded by one call, and each key at most once per request (the DataLoader pattern).

The resolvers of a page's items run concurrently; each asks for its own card, and the first
ask schedules the batch for the end of the current turn, so that the others join it. The
batches that start in the same turn then read as one statement (resolvers.request.together).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, Generic, TypeAlias, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
W = TypeVar("W")
# A value now, or one to await: what a field answers at once when its data is loaded already,
# so that graphql-core completes it without a coroutine, a task and a gather per list item.
Soon: TypeAlias = V | Awaitable[V]


def then(soon: Soon[V], answer: Callable[[V], W]) -> Soon[W]:
    """`answer` of the value: now where it is there, else once it comes (a loader's future
    chained by a callback: no coroutine, and no task where a page gathers its items)."""
    if isinstance(soon, asyncio.Future):
        return _chained(soon, answer)
    if not inspect.isawaitable(soon):
        return answer(soon)

    async def later() -> W:
        return answer(await soon)

    return later()


def _chained(future: asyncio.Future[V], answer: Callable[[V], W]) -> asyncio.Future[W]:
    chained: asyncio.Future[W] = shared(future.get_loop().create_future())

    def settle(done: asyncio.Future[V]) -> None:
        if chained.done():  # its waiter went
            return
        if done.cancelled():
            chained.cancel()
        elif (error := done.exception()) is not None:
            chained.set_exception(error)
        else:
            try:
                chained.set_result(answer(done.result()))
            except Exception as failed:  # the waiter gets it, as from a coroutine
                chained.set_exception(failed)

    future.add_done_callback(settle)
    return chained


async def settled(soon: Soon[V]) -> V:
    """The value of `soon`, awaited where it has to be."""
    return await soon if inspect.isawaitable(soon) else soon


async def all_settled(soons: Sequence[Soon[V]]) -> list[V]:
    """The values of `soons`, in their order; those still to come awaited together."""
    waiting = [soon for soon in soons if inspect.isawaitable(soon)]
    if not waiting:
        return list(soons)  # type: ignore[arg-type]  # none is awaitable
    came = iter(await asyncio.gather(*waiting))
    return [next(came) if inspect.isawaitable(soon) else soon for soon in soons]


def shared(future: asyncio.Future[Any]) -> asyncio.Future[Any]:
    """`future`, whose error counts as seen once it has one: its waiters may all have gone (a
    sibling field failed, the request ended) before the database's error reached it, and asyncio
    would report it as lost ("Future exception was never retrieved"); a waiter that remains
    still gets it."""
    future.add_done_callback(lambda done: done.cancelled() or done.exception())
    return future


class BatchLoader(Generic[K, V]):
    """`load_batch(keys)` answers one value per key, in the order of `keys`."""

    def __init__(self, load_batch: Callable[[Sequence[K]], Awaitable[Sequence[V]]]) -> None:
        self._load_batch = load_batch
        self._loaded: dict[K, asyncio.Future[V]] = {}
        self._waiting: dict[K, asyncio.Future[V]] = {}  # asked this turn, not yet sent
        self._sending: set[asyncio.Task[None]] = set()  # held, or the loop may drop them

    def load(self, key: K) -> Awaitable[V]:
        """The value for `key`: cached, or joining this turn's batch. Each caller awaits a
        shield of the shared future: graphql-core cancels a failed field's siblings, and one
        waiter cancelled must not cancel the load for the others."""
        return asyncio.shield(self._future(key))

    def soon(self, key: K) -> Soon[V]:
        """The value for `key` at once where it is loaded already, else `load(key)`."""
        known = self._loaded.get(key)
        if known is not None and known.done() and not known.cancelled() and not known.exception():
            return known.result()
        return self.load(key)

    def start(self, key: K) -> None:
        """Start loading `key` in this turn's batch, for a caller that awaits it later."""
        self._future(key)

    def _future(self, key: K) -> asyncio.Future[V]:
        known = self._loaded.get(key)
        if known is not None and not known.cancelled():
            return known
        loop = asyncio.get_running_loop()
        future: asyncio.Future[V] = shared(loop.create_future())
        self._loaded[key] = future
        if not self._waiting:
            loop.call_soon(self._send)
        self._waiting[key] = future
        return future

    def prime(self, key: K, value: V) -> None:
        """Remember `value` for `key` (read by another query), unless it is loaded already."""
        if key in self._loaded:
            return
        future = asyncio.get_running_loop().create_future()
        future.set_result(value)
        self._loaded[key] = future

    def is_loading(self, key: K) -> bool:
        """Whether `key` was asked for (or primed) in this request."""
        return key in self._loaded

    def _send(self) -> None:
        batch, self._waiting = self._waiting, {}
        task = asyncio.ensure_future(self._answer(batch))
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def _answer(self, batch: dict[K, asyncio.Future[V]]) -> None:
        """Each key's future gets its value, or the batch's error."""
        if all(future.cancelled() for future in batch.values()):
            return  # nobody waits any more: no query
        try:
            values = await self._load_batch(list(batch))
            answers = dict(zip(batch, values, strict=True))
        except asyncio.CancelledError:  # the request ended: nobody will wait any more
            for future in batch.values():
                future.cancel()
            raise
        except Exception as error:
            for future in batch.values():
                if not future.done():
                    future.set_exception(error)
            return
        for key, future in batch.items():
            if not future.done():
                future.set_result(answers[key])
