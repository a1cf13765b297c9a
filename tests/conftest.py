"""Fixtures: one real Neo4j per test session, wiped before each test that uses it; and the
`integration` marker on every test that needs a Neo4j, so that `pytest -m "not integration"`
runs the rest in seconds without starting one. The helpers are in tests/support."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest

from cypher import network_index
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import Api
from tests.support.neo4j import Neo4jServer, test_database

_database_report: list[str] = []
_network_index_served: list[bool] = []

# The fixtures that bring up the session's Neo4j (each of the others requests neo4j_server).
DATABASE_FIXTURES = frozenset({"neo4j_server", "database", "db", "api"})


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
    db = Database(
        driver, "neo4j", TEST_SETTINGS.db_timeout_seconds, check_rows=TEST_SETTINGS.checks_rows
    )
    await apply_migrations(db)
    row = await db.read_one("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
    assert row is not None
    _database_report.append(f"Neo4j server version {row['v']}")
    served = await network_index.detect(db, wanted=True)
    _database_report.append(f"network index: {'served' if served else 'not installed'}")
    _network_index_served.append(served)  # what `db` gives each test
    yield db
    await driver.close()


@pytest.fixture
async def db(database: Database) -> Database:
    """The database, emptied of data (constraints and indexes stay), reading discovery from the
    network index where Neo4j serves it (an app started with it off turns it off)."""
    await database.write("MATCH (n) DETACH DELETE n")
    database.network_index = _network_index_served[-1]
    return database


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def api(db: Database, clock: Clock) -> AsyncIterator[Api]:
    async with serve(db, TEST_SETTINGS, clock) as client:
        yield client


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `integration` every test that requests a database fixture, directly or through
    other fixtures (item.fixturenames is the whole closure), in whatever folder. The tests that
    start a Neo4j of their own (make run, make neo4j, bench, the kill -9 test) request none:
    their modules carry the marker themselves (pytestmark)."""
    for item in items:
        if isinstance(item, pytest.Function) and DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.integration)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in _database_report:
        terminalreporter.write_line(f"database: {line}")
