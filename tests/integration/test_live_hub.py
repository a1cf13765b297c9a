"""R27's delivery rules on the process's Hub, polled by hand so that the interleavings happen
exactly as written: an item committed late with an earlier timestamp is delivered once, what
became hidden before delivery is not delivered, what came before a subscription is not replayed.
(tests/http/test_live.py runs the same Hub in real processes, polling on its own.)"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import cast

import pytest

from cypher.database import Database, Transaction
from resolvers.enums import NotificationKind
from resolvers.live.hub import Hub
from resolvers.notifications import Notice, notify
from resolvers.request.context import Context
from resolvers.request.ids import decode
from tests.support.app import TEST_SETTINGS
from tests.support.client import Account, Api
from tests.support.network import FOLLOW, UNFOLLOW, codes, mutate

# The Hub's own poller never fires here: each test polls when it means to.
HAND_POLLED = dataclasses.replace(TEST_SETTINGS, live_poll_ms=10**9)


@pytest.fixture
async def hub(db: Database) -> AsyncIterator[Hub]:
    hub = Hub(db, HAND_POLLED, lambda: datetime.now(UTC))
    yield hub
    await hub.close()


def key(account: Account) -> str:
    return decode(account.id)[1]


async def opened(hub: Hub, member: Account) -> tuple[AsyncIterator[str], asyncio.Future[str]]:
    """A subscription to the member's notifications, open (its start read), and its first
    item to come."""
    stream = hub.notifications(key(member))
    first = asyncio.ensure_future(anext(stream))
    for _ in range(500):  # the start is one read away
        if key(member) in hub.members:
            return stream, first
        await asyncio.sleep(0.01)
    raise AssertionError("the subscription did not open")


async def test_r27_an_item_committed_late_with_an_earlier_timestamp_is_delivered_once(
    api: Api, db: Database, hub: Hub
) -> None:
    early, later, fan = [await api.sign_up(h) for h in ("early", "later", "fan")]
    early_stream, early_first = await opened(hub, early)
    _, later_first = await opened(hub, later)
    # A transaction that begins first and takes its time: its notification carries the time
    # it began, before the other one's.
    begun = datetime.now(UTC) - timedelta(seconds=2)
    context = cast(Context, SimpleNamespace(now=begun, settings=TEST_SETTINGS))
    release = asyncio.Event()

    async def slow(tx: Transaction) -> None:
        # A kind that points to nothing that could hide it (a message's stays, R26).
        notice = Notice(NotificationKind.MESSAGE_RECEIVED, key(early), key(fan))
        await notify(tx, context, notice)
        await release.wait()

    patient = Database(db.driver, db.name, timeout=60)  # held open longer than the default 5 s
    slow_commit = asyncio.ensure_future(patient.transaction(slow))
    assert codes(await mutate(api, FOLLOW, fan, id=later.id)) == []  # commits meanwhile
    await hub.poll()
    assert (await asyncio.wait_for(later_first, 5)) is not None
    assert not early_first.done()  # not committed yet
    release.set()
    await slow_commit
    await hub.poll()
    delivered = await asyncio.wait_for(early_first, 5)
    await hub.poll()
    again = asyncio.ensure_future(anext(early_stream))
    await asyncio.sleep(0.2)
    assert not again.done()  # delivered once
    again.cancel()
    rows = await db.read("MATCH (n:Notification {recipient: $r}) RETURN n.id AS id", r=key(early))
    assert [row["id"] for row in rows] == [delivered]


async def test_r27_what_became_hidden_before_delivery_is_not_delivered(api: Api, hub: Hub) -> None:
    star, fan = await api.sign_up("star"), await api.sign_up("fan")
    stream, first = await opened(hub, star)
    assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []
    assert codes(await mutate(api, UNFOLLOW, fan, id=star.id)) == []
    await hub.poll()
    await asyncio.sleep(0.2)
    assert not first.done()
    assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []  # a new follow
    await hub.poll()
    delivered = await asyncio.wait_for(first, 5)
    listed = await api.data(
        "{ viewer { notifications { edges { node { id } } } } }", token=star.token
    )
    [edge] = listed["viewer"]["notifications"]["edges"]
    assert decode(edge["node"]["id"])[1] == delivered
    del stream


async def test_r27_items_committed_before_a_subscription_opened_are_not_replayed(
    api: Api, hub: Hub
) -> None:
    star, old_fan, new_fan = [await api.sign_up(h) for h in ("star", "old-fan", "new-fan")]
    assert codes(await mutate(api, FOLLOW, old_fan, id=star.id)) == []
    _, first = await opened(hub, star)
    assert codes(await mutate(api, FOLLOW, new_fan, id=star.id)) == []
    await hub.poll()
    delivered = await asyncio.wait_for(first, 5)
    listed = await api.data(
        "{ viewer { notifications(first: 1) { edges { node { id actor { handle } } } } } }",
        token=star.token,
    )
    [edge] = listed["viewer"]["notifications"]["edges"]
    assert decode(edge["node"]["id"])[1] == delivered
    assert edge["node"]["actor"]["handle"] == "new-fan"


async def test_an_idle_hub_sends_no_query(api: Api, hub: Hub) -> None:
    """With no subscription open, a poll asks the database nothing (the idle cost is zero)."""
    await hub.poll()
    assert hub.polls == 0
    star = await api.sign_up("star")
    stream, first = await opened(hub, star)
    await hub.poll()
    assert hub.polls == 1
    first.cancel()  # the subscription closes
    await asyncio.sleep(0.05)
    await hub.poll()
    assert (hub.members, hub.polls) == ({}, 1)
    del stream
