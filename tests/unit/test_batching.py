"""The request's batch loader: one call per turn of the event loop, each key once per request."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import cast

import pytest

from cypher.database import Database
from resolvers.request.batching import BatchLoader, all_settled, settled, then
from resolvers.request.loaders import Loaders, _made_when_used
from settings import Settings


class Source:
    """A load_batch that records the batches it was called with."""

    def __init__(self, fail: bool = False) -> None:
        self.batches: list[list[str]] = []
        self.fail = fail

    async def __call__(self, keys: Sequence[str]) -> list[str]:
        self.batches.append(list(keys))
        if self.fail:
            raise LookupError("the database said no")
        return [key.upper() for key in keys]


async def test_keys_asked_in_one_turn_are_loaded_by_one_call_in_their_order() -> None:
    source = Source()
    loader = BatchLoader(source)
    answers = list(await asyncio.gather(loader.load("b"), loader.load("a"), loader.load("b")))
    assert answers == ["B", "A", "B"]
    assert source.batches == [["b", "a"]]


async def test_a_key_is_loaded_once_per_request_and_a_later_turn_is_a_new_batch() -> None:
    source = Source()
    loader = BatchLoader(source)
    assert await loader.load("a") == "A"
    assert list(await asyncio.gather(loader.load("a"), loader.load("c"))) == ["A", "C"]
    assert source.batches == [["a"], ["c"]]


async def test_a_primed_value_is_answered_without_a_call_and_never_replaces_a_load() -> None:
    source = Source()
    loader = BatchLoader(source)
    loader.prime("a", "from the profile query")
    assert loader.is_loading("a")
    assert not loader.is_loading("z")
    assert await loader.load("a") == "from the profile query"
    assert await loader.load("b") == "B"
    loader.prime("b", "later")
    assert await loader.load("b") == "B"
    assert source.batches == [["b"]]


async def test_a_failed_batch_fails_every_key_of_it() -> None:
    loader = BatchLoader(Source(fail=True))
    results = await asyncio.gather(loader.load("a"), loader.load("b"), return_exceptions=True)
    assert [type(result) for result in results] == [LookupError, LookupError]


async def test_a_batch_that_answers_the_wrong_number_of_values_fails_instead_of_guessing() -> None:
    async def short(keys: Sequence[str]) -> list[str]:
        return ["only one"]

    loader = BatchLoader(short)
    with pytest.raises(ValueError, match="shorter"):
        await asyncio.gather(loader.load("a"), loader.load("b"))


async def test_a_waiter_cancelled_does_not_cancel_the_load_for_the_others() -> None:
    """graphql-core cancels the sibling fields of one that failed: their loads go on."""
    source = Source()
    loader = BatchLoader(source)
    cancelled = asyncio.ensure_future(loader.load("a"))
    other = asyncio.ensure_future(loader.load("a"))
    await asyncio.sleep(0)
    cancelled.cancel()
    assert await other == "A"
    assert await loader.load("a") == "A"
    assert source.batches == [["a"]]


async def test_a_started_load_joins_the_batch_and_is_awaited_later() -> None:
    source = Source()
    loader = BatchLoader(source)
    loader.start("a")
    assert await loader.load("b") == "B"
    assert await loader.load("a") == "A"
    assert source.batches == [["a", "b"]]


async def test_an_error_no_one_waits_for_any_more_is_not_reported_as_lost() -> None:
    """A key started for a field that then failed (graphql-core cancels its siblings) gets the
    database's error with nobody left to read it: asyncio must not log it as never retrieved
    (a caller that still waits gets it: the test above)."""
    reported: list[str] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _, context: reported.append(context["message"]))
    try:
        loader = BatchLoader(Source(fail=True))
        loader.start("gone")  # its caller went away before awaiting it
        for _ in range(3):  # the batch is sent and answered with the error
            await asyncio.sleep(0)
        del loader
        gc.collect()
    finally:
        loop.set_exception_handler(None)
    assert reported == []


async def test_a_request_makes_each_loader_when_it_first_uses_it_and_clear_forgets_them() -> None:
    """Most requests use two or three of the loaders: the others are never made; after a
    write (`clear`), a loader used again is a new one, with nothing of what was loaded."""
    loaders = Loaders(cast(Database, object()), "viewer", Settings(), datetime.now(UTC))
    assert "posts" in _made_when_used()
    assert len(_made_when_used()) == 12
    assert not set(_made_when_used()) & set(vars(loaders))  # none made yet
    posts = loaders.posts
    posts.prime("p1", None)
    assert loaders.posts is posts
    assert set(_made_when_used()) & set(vars(loaders)) == {"posts"}
    loaders.clear()
    assert loaders.posts is not posts
    assert not loaders.posts.is_loading("p1")


async def test_a_loaded_value_is_answered_at_once_and_one_to_come_when_it_comes() -> None:
    """`soon` and `then`: a field whose row is loaded answers without an awaitable; one still
    loading answers a future that the load settles, its error included."""
    loader = BatchLoader(Source())
    loader.prime("a", "A!")
    assert then(loader.soon("a"), str.lower) == "a!"
    coming = then(loader.soon("b"), str.lower)
    assert isinstance(coming, asyncio.Future)
    assert await coming == "b"
    failing = then(BatchLoader(Source(fail=True)).soon("c"), str.lower)
    with pytest.raises(LookupError, match="said no"):
        await settled(failing)
    refusing = then(loader.soon("d"), lambda value: int(value))
    with pytest.raises(ValueError, match="invalid literal"):
        await settled(refusing)


async def test_a_pages_items_settle_in_their_order_whether_loaded_or_to_come() -> None:
    source = Source()
    loader = BatchLoader(source)
    loader.prime("a", "A")

    async def later() -> str:
        return "Z"

    assert await all_settled([loader.soon("a"), loader.soon("b"), later(), "c"]) == [
        "A",
        "B",
        "Z",
        "c",
    ]
    assert source.batches == [["b"]]
    assert await all_settled(["x", "y"]) == ["x", "y"]
