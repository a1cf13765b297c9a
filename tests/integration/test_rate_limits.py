"""The rate limits kept in Neo4j (resolvers/access/rate_limits.py): a write is counted in its own
transaction, so a refused one costs no quota; old windows are cleaned up by the takes that
create new ones, a bounded number at a time."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from cypher.database import Database
from resolvers.access.rate_limits import RateCell, RateLimit
from resolvers.errors import RateLimited
from resolvers.housekeeping import SWEEPS
from resolvers.request.clock import epoch_ms
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import Api, error_codes
from tests.support.network import BLOCK, FOLLOW, codes, mutate

UPDATE = 'mutation { updateProfile(input: {headline: "x"}) { errors { code } } }'


async def test_a_refused_write_costs_no_quota(db: Database, clock: Clock) -> None:
    tight = dataclasses.replace(TEST_SETTINGS, writes_per_member=2)
    async with serve(db, tight, clock) as api:
        ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
        assert codes(await mutate(api, BLOCK, bob, id=ada.id)) == []
        for _ in range(3):  # refused by R18 inside the transaction: rolled back, not counted
            assert codes(await mutate(api, FOLLOW, ada, id=bob.id)) == ["NOT_FOUND"]
        for _ in range(2):
            assert error_codes(await api.run(UPDATE, token=ada.token)) == []
        limited = await api.post(UPDATE, token=ada.token)
        assert (limited.status_code, error_codes(limited.json())) == (429, ["RATE_LIMITED"])


async def test_a_take_that_creates_a_window_deletes_at_most_ten_old_ones(db: Database) -> None:
    now = datetime.now(UTC)
    long_ago = epoch_ms(now - timedelta(hours=1))
    await db.write(
        "UNWIND range(1, 15) AS i CREATE (:RateWindow {key: 'old:' + i, events: [], until: $t})",
        t=long_ago,
    )
    limit = RateLimit("test", 5, timedelta(minutes=1), "tests")
    await limit.take(db.write_one, "new", now)
    assert await _windows(db) == 1 + 5  # the new one, and 15 - 10 old ones
    await limit.take(db.write_one, "new", now + timedelta(seconds=1))  # a known key: no cleanup
    assert await _windows(db) == 1 + 5
    await limit.take(db.write_one, "newer", now + timedelta(seconds=2))
    assert await _windows(db) == 2


async def _windows(db: Database) -> int:
    row = await db.read_one("MATCH (w:RateWindow) RETURN count(w) AS n")
    assert row is not None
    return int(row["n"])


async def test_a_take_with_a_lagging_clock_still_counts_after_a_clean_up(db: Database) -> None:
    """A caller whose time lags (as a socket's once did: it kept the time of its opening)
    cannot date events into the past, where a new key's clean-up would delete their window."""
    limit = RateLimit("test", 3, timedelta(minutes=1), "tests")
    lagging = datetime.now(UTC) - timedelta(minutes=5)
    for _ in range(3):
        await limit.take(db.write_one, "ada", lagging)
    window = await db.read_one("MATCH (w:RateWindow {key: 'test:ada'}) RETURN w.events AS e")
    assert window is not None
    assert min(window["e"]) >= epoch_ms(datetime.now(UTC) - timedelta(seconds=5))  # dated now
    await limit.take(db.write_one, "someone-new", datetime.now(UTC))  # creates, cleans up
    with pytest.raises(RateLimited):
        await limit.take(db.write_one, "ada", lagging)


async def test_a_write_limit_take_with_a_lagging_clock_still_counts_after_a_sweep(
    db: Database,
) -> None:
    """The write limit's cell, too: a caller whose time lags is counted at the database's time,
    so its cell is not one the sweep of expired windows deletes, and the limit holds."""
    limit = RateCell("test-writes", 3, timedelta(minutes=1), "tests")
    lagging = datetime.now(UTC) - timedelta(minutes=5)
    for _ in range(3):
        await limit.take(db.write_one, "ada", lagging)
    cell = await db.read_one("MATCH (w:RateWindow {key: 'test-writes:ada'}) RETURN w.tat AS tat")
    assert cell is not None
    assert cell["tat"] > epoch_ms(datetime.now(UTC))  # dated from now, not five minutes ago
    await db.write(SWEEPS["rate_windows"], batch=1000)
    with pytest.raises(RateLimited):
        await limit.take(db.write_one, "ada", lagging)


# A search's page of 20 members with their names: 281 units of query cost.
PAGE = '{ searchMembers(query: "ada") { edges { node { handle name } } } }'


async def test_signed_in_reads_have_a_budget_per_member_shared_by_every_process(
    db: Database, clock: Clock
) -> None:
    """resolvers.access.read_budget: each process takes what a member read from the shared budget a
    batch (2,000 units) at a time, in the background, and refuses them once it is spent."""
    budget = dataclasses.replace(TEST_SETTINGS, reads_per_member=3000)
    async with serve(db, budget, clock) as one, serve(db, budget, clock) as other:
        ada, bob = await one.sign_up("ada"), await one.sign_up("bob")
        answers_one = await _read_until_refused(one, ada.token, tries=120)
        assert 3000 / 281 < len(answers_one) < 120  # refused past the budget, well before 120
        limited = await one.post(PAGE, token=ada.token)
        assert (limited.status_code, error_codes(limited.json())) == (429, ["RATE_LIMITED"])
        assert error_codes(await one.run(PAGE, token=bob.token)) == []  # another member
        # The other process learns it at its first batch: 2,000 units, not another 3,000.
        answers_other = await _read_until_refused(other, ada.token, tries=120)
        assert len(answers_other) <= 2000 / 281 + 2


async def _read_until_refused(api: Api, token: str, tries: int) -> list[dict[str, object]]:
    """The answers a member gets before the first refusal (the budget is taken in the
    background, so each read yields a moment to it)."""
    answers: list[dict[str, object]] = []
    for _ in range(tries):
        response = await api.post(PAGE, token=token)
        if response.status_code == 429:
            return answers
        answers.append(response.json())
        await asyncio.sleep(0.01)
    return answers


async def test_the_write_limit_lets_its_number_through_at_once_then_one_per_share(
    db: Database,
) -> None:
    """The write limit is a generic cell rate (RateCell): 3 a minute is 3 at once, then one
    each 20 s, kept as one number on the member's node."""
    limit = RateCell("test-writes", 3, timedelta(minutes=1), "tests")
    now = datetime.now(UTC)
    for _ in range(3):
        await limit.take(db.write_one, "ada", now)
    with pytest.raises(RateLimited) as refused:
        await limit.take(db.write_one, "ada", now)
    assert timedelta(seconds=19) <= refused.value.retry_after - now <= timedelta(seconds=21)
    later = refused.value.retry_after
    await limit.take(db.write_one, "ada", later)  # one more share has come
    with pytest.raises(RateLimited):
        await limit.take(db.write_one, "ada", later)
    node = await db.read_one("MATCH (w:RateWindow {key: 'test-writes:ada'}) RETURN w AS w")
    assert node is not None
    assert set(node["w"]) == {"key", "tat", "until"}  # no list of times


async def test_a_window_left_by_the_sliding_write_limit_holds_no_write_back(db: Database) -> None:
    """Upgrading: a member's node of the sliding window (`until` a minute after their last
    write) is no cell's `tat`: their next write passes."""
    now = datetime.now(UTC)
    await db.write(
        "CREATE (:RateWindow {key: 'test-writes:ada', events: [$t], until: $t + 60000})",
        t=epoch_ms(now),
    )
    limit = RateCell("test-writes", 3, timedelta(minutes=1), "tests")
    for _ in range(3):
        await limit.take(db.write_one, "ada", now)
