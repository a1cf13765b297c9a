"""`make run`: the API on a local Neo4j with demo data and the GraphQL playground.

Starts the project's Neo4j (unless NEO4J_URI is set), migrates, seeds the demo network once, and
serves on HOST:PORT with WORKERS processes (default 1) until Ctrl-C or SIGTERM; then stops the
Neo4j it started. Each worker builds its app from the environment (`server.app:main_app`), so the
started Neo4j's URI is handed to them through NEO4J_URI.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import uvicorn

import localneo4j
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from demo.data import DEMO_PASSWORD, DEMO_SIGN_IN
from demo.seed import seed
from resolvers.access.passwords import Passwords
from server.websocket import uvicorn_options
from settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent
LOG_CONFIG = ROOT / "server" / "logging.json"  # server/logs.py


async def prepare(settings: Settings) -> int:
    """Migrate and seed; returns the number of demo members created."""
    driver = open_driver(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    try:
        db = Database(driver, settings.neo4j_database)
        await apply_migrations(db)
        return await seed(db, Passwords(settings), DEMO_PASSWORD, settings.inmail_starting_credits)
    finally:
        await driver.close()


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as refused:  # a setting's own words are clearer than a traceback
        print(f"vernetzt: not started: {refused}", file=sys.stderr)
        return 2
    server = None
    if "NEO4J_URI" not in os.environ:
        data_dir = Path(os.environ.get("NEO4J_DATA", ROOT / ".neo4j-data"))
        server = localneo4j.start(data_dir, int(os.environ.get("NEO4J_PORT", "7687")))
        print(f"Neo4j {server.version} at {server.uri} (started in {server.startup_seconds} s)")
        settings = dataclasses.replace(settings, neo4j_uri=server.uri)
        os.environ["NEO4J_URI"] = server.uri  # for the workers, which read the environment
    try:
        created = asyncio.run(prepare(settings))
        print(f"demo data: {created} members created")
        print(f"GraphQL playground: http://{settings.host}:{settings.port}/graphql")
        print(f"demo sign-in: {DEMO_SIGN_IN} / {DEMO_PASSWORD}")
        with metrics_files(settings.workers):
            serve(settings)
    finally:
        if server is not None:
            server.stop()
    return 0


@contextlib.contextmanager
def metrics_files(workers: int) -> Iterator[None]:
    """Several workers write their metrics to files a scrape sums (server/metrics.py): in a
    directory of this run's own, which the workers find in the environment. One given in
    PROMETHEUS_MULTIPROC_DIR is used as it is: its owner empties it between runs."""
    if workers == 1 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="vernetzt-metrics-") as directory:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
        try:
            yield
        finally:
            del os.environ["PROMETHEUS_MULTIPROC_DIR"]


def serve(settings: Settings) -> None:
    uvicorn.run(
        "server.app:main_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level="info",
        # uvicorn's own lines as JSON too, the supervisor's of several workers included.
        log_config=str(LOG_CONFIG),
        **uvicorn_options(settings),
    )


if __name__ == "__main__":
    sys.exit(main())
