"""Fixtures: one real Neo4j per test session, wiped before each test that uses it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from app import create_app
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from settings import Settings
from tests.api import Api
from tests.database import Neo4jServer, test_database

# Argon2id with a small memory cost: the tests sign up hundreds of members on 2 cores. The
# production cost is a setting (settings.py) and is exercised by tests/unit/test_passwords.py.
TEST_SETTINGS = Settings(
    environment="test",
    secret="test-secret-that-is-long-enough-for-hs256-signing",
    password_hash_time_cost=1,
    password_hash_memory_kib=1024,
    password_hash_parallelism=1,
)

_database_report: list[str] = []


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    try:
        with test_database() as database:
            _database_report.append(f"{database.source} at {database.uri}")
            yield database
    except Exception as error:  # the reason a database could not be had, for the report
        if os.environ.get("CI"):
            pytest.fail(f"no Neo4j for the integration tests (CI must not skip them): {error}")
        pytest.skip(f"no Neo4j for the integration tests: {error}")


@pytest.fixture(scope="session")
async def database(neo4j_server: Neo4jServer) -> AsyncIterator[Database]:
    driver = open_driver(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    db = Database(driver, "neo4j", TEST_SETTINGS.db_timeout_seconds)
    await apply_migrations(db)
    row = await db.read_one("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
    assert row is not None
    _database_report.append(f"Neo4j server version {row['v']}")
    yield db
    await driver.close()


@pytest.fixture
async def db(database: Database) -> Database:
    """The database, emptied of data (constraints and indexes stay)."""
    await database.write("MATCH (n) DETACH DELETE n")
    return database


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


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def api(db: Database, clock: Clock) -> AsyncIterator[Api]:
    async with serve(db, TEST_SETTINGS, clock) as client:
        yield client


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in _database_report:
        terminalreporter.write_line(f"database: {line}")
