"""The real app served by uvicorn on a free port, in a thread with its own event loop, on a
database seeded with the demo network: what a browser reaches in the browser tests."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import threading
from collections.abc import Iterator

import uvicorn

from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from demo.data import DEMO_PASSWORD
from demo.seed import seed
from resolvers.access.passwords import Passwords
from server.app import create_app
from settings import Settings
from tests.support.neo4j import free_port


async def _seed_fresh(settings: Settings) -> None:
    """Empties the database and loads the demo network, as `make run` shows it."""
    driver = open_driver(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    try:
        db = Database(
            driver,
            settings.neo4j_database,
            settings.db_timeout_seconds,
            check_rows=settings.checks_rows,
        )
        await apply_migrations(db)
        await db.write("MATCH (n) DETACH DELETE n")
        await seed(db, Passwords(settings), DEMO_PASSWORD, settings.inmail_starting_credits)
    finally:
        await driver.close()


@contextlib.contextmanager
def live_server(settings: Settings, port: int | None = None, seed: bool = True) -> Iterator[str]:
    """Seeds (unless told not to), serves `settings` on `port` (a free one by default) until
    the block ends; yields the base URL."""
    settings = dataclasses.replace(settings, host="127.0.0.1", port=port or free_port())
    config = uvicorn.Config(
        create_app(settings), host=settings.host, port=settings.port, log_level="warning"
    )
    server = uvicorn.Server(config)
    failure: list[BaseException] = []

    def run() -> None:
        async def main() -> None:
            if seed:
                await _seed_fresh(settings)
            await server.serve()

        try:
            asyncio.run(main())
        except BaseException as error:  # reported by the waiting thread below
            failure.append(error)

    thread = threading.Thread(target=run, name="browser-test-server", daemon=True)
    thread.start()
    try:
        while not server.started:
            if failure or not thread.is_alive():
                raise RuntimeError(f"the server did not start: {failure}")
            thread.join(0.05)
        yield f"http://{settings.host}:{settings.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
