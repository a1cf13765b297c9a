"""Two real API processes on one Neo4j share their rate limits (the fleet issue): the counts
live in the database, so a client that spreads its requests over the processes gets no more
than the limit. Each process is `uvicorn --factory app:main_app`, as in production."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.client import DEMO_PASSWORD, SIGN_UP, error_codes
from tests.support.neo4j import Neo4jServer

ROOT = Path(__file__).resolve().parents[2]
LIMITS = {
    "VERNETZT_SIGN_IN_FAILURES_PER_ACCOUNT": "10",
    "VERNETZT_WRITES_PER_MEMBER": "10",
    "VERNETZT_SIGN_UPS_PER_ADDRESS": "1000",
}
SIGN_IN = """
mutation ($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) { errors { code } } }
"""
UPDATE = 'mutation { updateProfile(input: {headline: "busy"}) { errors { code } } }'
_handles = itertools.count(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def api_process(neo4j: Neo4jServer, env: dict[str, str], log: Path) -> Iterator[str]:
    """One API process on the session's Neo4j; yields its base URL once it is ready."""
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VERNETZT_", "NEO4J_"))},
        "NEO4J_URI": neo4j.uri, "NEO4J_USER": neo4j.user, "NEO4J_PASSWORD": neo4j.password,
        "VERNETZT_ENV": "test", "VERNETZT_SECRET": "fleet-test-secret-long-enough-for-hs256",
        "VERNETZT_PASSWORD_HASH_TIME_COST": "1", "VERNETZT_PASSWORD_HASH_MEMORY_KIB": "1024",
        **env,
    }  # fmt: skip
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "app:main_app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
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


@pytest.fixture(scope="module")
def fleet(
    neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """Two API processes with the same (lowered) limits on one database."""
    logs = tmp_path_factory.mktemp("fleet")
    with (
        api_process(neo4j_server, LIMITS, logs / "a.log") as a,
        api_process(neo4j_server, LIMITS, logs / "b.log") as b,
    ):
        yield a, b


async def post(
    client: httpx.AsyncClient, base: str, query: str, variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> httpx.Response:  # fmt: skip
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = {"query": query, "variables": variables or {}}
    return await client.post(f"{base}/graphql", json=body, headers=headers, timeout=30)


async def sign_up(client: httpx.AsyncClient, base: str) -> tuple[str, str]:
    """A new member's e-mail and token."""
    handle = f"fleet-{os.getpid()}-{next(_handles)}"
    email = f"{handle}@example.org"
    account = {"handle": handle, "name": "Fleet", "email": email, "password": DEMO_PASSWORD}
    answer = (await post(client, base, SIGN_UP, {"input": account})).json()
    assert answer["data"]["signUp"]["errors"] == [], answer
    return email, answer["data"]["signUp"]["token"]


async def test_failed_sign_ins_spread_over_two_processes_share_one_limit(
    fleet: tuple[str, str],
) -> None:
    async with httpx.AsyncClient() as client:
        email, _ = await sign_up(client, fleet[0])
        for attempt in range(10):
            wrong = {"e": email, "p": "not the password"}
            body = (await post(client, fleet[attempt % 2], SIGN_IN, wrong)).json()
            assert body["data"]["signIn"]["errors"] == [{"code": "INVALID_CREDENTIALS"}]
        for base in fleet:  # the 11th attempt, even with the right password, through either
            refused = await post(client, base, SIGN_IN, {"e": email, "p": DEMO_PASSWORD})
            assert (refused.status_code, error_codes(refused.json())) == (429, ["RATE_LIMITED"])


async def test_a_members_writes_spread_over_two_processes_share_one_limit(
    fleet: tuple[str, str],
) -> None:
    async with httpx.AsyncClient() as client:
        _, token = await sign_up(client, fleet[0])
        for write in range(10):
            answer = await post(client, fleet[write % 2], UPDATE, token=token)
            assert error_codes(answer.json()) == [], answer.text
        for base in fleet:
            refused = await post(client, base, UPDATE, token=token)
            assert (refused.status_code, error_codes(refused.json())) == (429, ["RATE_LIMITED"])


@pytest.mark.parametrize("repeat", range(3))
async def test_a_burst_over_two_processes_lets_exactly_the_limit_through(
    fleet: tuple[str, str], repeat: int
) -> None:
    """30 writes of one member at once, 15 through each process, against a limit of 10."""
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=40)) as client:
        _, token = await sign_up(client, fleet[0])
        answers = await asyncio.gather(
            *(post(client, fleet[i % 2], UPDATE, token=token) for i in range(30))
        )
    codes = [tuple(error_codes(answer.json())) for answer in answers]
    assert sorted(codes).count(()) == 10, codes
    assert codes.count(("RATE_LIMITED",)) == 20, codes
