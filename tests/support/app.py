"""The app as the tests run it: their settings, a clock they move, and `serve`, which puts the
app on a database and reaches it in process over HTTP (ASGI)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from cypher.database import Database
from server.app import create_app
from settings import Settings
from tests.support.client import Api

# Argon2id with a small memory cost: the tests sign up hundreds of members on 2 cores. The
# production cost is a setting (settings/) and is exercised by tests/unit/test_passwords.py.
TEST_SETTINGS = Settings(
    environment="test",
    secret="test-secret-that-is-long-enough-for-hs256-signing",
    password_hash_time_cost=1,
    password_hash_memory_kib=1024,
    password_hash_parallelism=1,
)


class Clock:
    """A clock the tests move forward (R6 quota windows, R8 cooldowns). Each request reads it
    once and it ticks a millisecond, so that requests are ordered in time as in life."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        now = self.now
        self.now += timedelta(milliseconds=1)
        return now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@contextlib.asynccontextmanager
async def serve(db: Database, settings: Settings, clock: Clock | None = None) -> AsyncIterator[Api]:
    """The app on `db` with `settings`, reached in process over HTTP (ASGI)."""
    app = create_app(settings, db=db, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client)


# Discovery (R10, R21, R23) answered from the network index, and by the reference Cypher.
DISCOVERY_PATHS = {
    "index": TEST_SETTINGS,
    "reference": dataclasses.replace(TEST_SETTINGS, network_index=False),
}


@pytest.fixture(name="api", params=list(DISCOVERY_PATHS))
async def api_on_both_discovery_paths(
    request: pytest.FixtureRequest, db: Database, clock: Clock
) -> AsyncIterator[Api]:
    """`api` for a module that imports this: each of its tests runs twice, with discovery from
    the network index and from the reference Cypher (docs/discovery.md)."""
    async with serve(db, DISCOVERY_PATHS[request.param], clock) as client:
        yield client
