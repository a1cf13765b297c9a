"""Real API processes for the fleet tests: `uvicorn --factory server.app:main_app`, as in
production, each on its own port, all on the session's Neo4j."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from server.websocket import uvicorn_flags
from settings import load_settings
from tests.support.neo4j import Neo4jServer, free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = "fleet-test-secret-long-enough-for-hs256"


@contextlib.contextmanager
def api_process(
    neo4j: Neo4jServer,
    env: dict[str, str],
    log: Path,
    uvicorn_defaults: bool = False,
    workers: int = 1,
) -> Iterator[str]:
    """One API process on `neo4j` (`env` may name another NEO4J_URI); yields its base URL once
    it is ready. It gets the WebSocket options every launcher gives (websocket.uvicorn_flags),
    or with `uvicorn_defaults` uvicorn's own, to show what the app holds by itself; `workers`
    processes behind its port."""
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VERNETZT_", "NEO4J_"))},
        "NEO4J_URI": neo4j.uri,
        "NEO4J_USER": neo4j.user,
        "NEO4J_PASSWORD": neo4j.password,
        "VERNETZT_ENV": "test",
        "VERNETZT_SECRET": SECRET,
        "VERNETZT_PASSWORD_HASH_TIME_COST": "1",
        "VERNETZT_PASSWORD_HASH_MEMORY_KIB": "1024",
        **env,
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "server.app:main_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--log-config",
        "server/logging.json",
        # A test may leave a request waiting on the database; do not wait for it at the end.
        "--timeout-graceful-shutdown",
        "2",
        "--workers",
        str(workers),
    ]
    if not uvicorn_defaults:
        command += uvicorn_flags(load_settings(environment, dotenv=None))
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _ready(base):
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "not ready in time:\n" + log.read_text()
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/readyz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False
