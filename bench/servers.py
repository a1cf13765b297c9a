"""The two servers measured over HTTP, each its own process (so its CPU can be read): Vernetzt
under uvicorn with production settings, and the peer under Node."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from server.websocket import uvicorn_flags
from settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "bench" / "data" / "logs"


@dataclass(frozen=True)
class Server:
    name: str
    url: str
    pid: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def vernetzt_command(port: int, workers: int = 1) -> list[str]:
    uvicorn = str(Path(sys.executable).parent / "uvicorn")
    return [
        uvicorn,
        "--factory",
        "server.app:main_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
        "--workers",
        str(workers),
        *uvicorn_flags(Settings()),
    ]


def vernetzt_env(neo4j_uri: str, secret: str, port: int) -> dict[str, str]:
    """Production settings, but a read budget no member of the benchmark spends: the harness
    reads as a few dozen members at a hundred requests a second, as no client would."""
    return {
        "VERNETZT_ENV": "production",
        "VERNETZT_SECRET": secret,
        "NEO4J_URI": neo4j_uri,
        "PORT": str(port),
        "VERNETZT_READS_PER_MEMBER": str(10**9),
    }


@contextlib.contextmanager
def vernetzt(
    neo4j_uri: str, secret: str, workers: int = 1, extra_env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Vernetzt as `workers` processes on one port (uvicorn's, as WORKERS does in the image):
    with more than one, `pid` is their parent's, and the CPU meter counts its children.
    `extra_env` adds settings (bench.ab: one checkout with the operator's tools on)."""
    port = free_port()
    env = {**vernetzt_env(neo4j_uri, secret, port), **(extra_env or {})}
    name = "vernetzt" if workers == 1 else f"vernetzt-{workers}w"
    with _process(name, vernetzt_command(port, workers), env) as process:
        url = f"http://127.0.0.1:{port}"
        _wait(lambda: httpx.get(f"{url}/readyz").status_code == 200, process, name)
        yield Server(name, f"{url}/graphql", process.pid)


@contextlib.contextmanager
def peer(neo4j_uri: str, secret: str) -> Iterator[Server]:
    port = free_port()
    env = {
        "NEO4J_URI": neo4j_uri,
        "PORT": str(port),
        "PEER_JWT_SECRET": secret,
        "NODE_ENV": "production",
    }
    command = ["node", str(ROOT / "bench" / "peer" / "server.mjs")]
    with _process("peer", command, env) as process:
        log = LOGS / "peer.log"
        _wait(lambda: "peer ready at" in log.read_text(), process, "peer")
        yield Server("peer", f"http://127.0.0.1:{port}/graphql", process.pid)


@contextlib.contextmanager
def _process(
    name: str, command: list[str], env: dict[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    LOGS.mkdir(parents=True, exist_ok=True)
    with (LOGS / f"{name}.log").open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 (our own fixed commands)
            command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(ready: Callable[[], bool], process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited; see {LOGS / (name + '.log')}")
        with contextlib.suppress(httpx.HTTPError, OSError):
            if ready():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not get ready in 60 s; see {LOGS / (name + '.log')}")
