"""Two real API processes on one Neo4j share their rate limits (the fleet issue): the counts
live in the database, so a client that spreads its requests over the processes gets no more
than the limit. Each process is `uvicorn --factory server.app:main_app`, as in production."""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.client import DEMO_PASSWORD, SIGN_UP, error_codes
from tests.support.neo4j import Neo4jServer
from tests.support.processes import api_process

LIMITS = {
    "VERNETZT_SIGN_IN_FAILURES_PER_ACCOUNT": "10",
    "VERNETZT_WRITES_PER_MEMBER": "10",
    "VERNETZT_SIGN_UPS_PER_ADDRESS": "5",
    # The tests' client stands behind 127.0.0.1 as behind a proxy: each sign-up names its own
    # client address, so that only the sign-up test shares one.
    "VERNETZT_TRUSTED_PROXIES": "127.0.0.1/32",
}
SIGN_IN = """
mutation ($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) { errors { code } } }
"""
UPDATE = 'mutation { updateProfile(input: {headline: "busy"}) { errors { code } } }'
_handles = itertools.count(1)
_clients = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))


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
    client: httpx.AsyncClient,
    base: str,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
    client_address: str | None = None,
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if client_address:
        headers["X-Forwarded-For"] = client_address
    body = {"query": query, "variables": variables or {}}
    return await client.post(f"{base}/graphql", json=body, headers=headers, timeout=30)


async def try_sign_up(
    client: httpx.AsyncClient, base: str, client_address: str | None = None
) -> httpx.Response:
    """A new member's sign-up, from `client_address` or else from a client of its own."""
    handle = f"fleet-{os.getpid()}-{next(_handles)}"
    email = f"{handle}@example.org"
    account = {"handle": handle, "name": "Fleet", "email": email, "password": DEMO_PASSWORD}
    address = client_address or next(_clients)
    return await post(client, base, SIGN_UP, {"input": account}, client_address=address)


async def sign_up(client: httpx.AsyncClient, base: str) -> tuple[str, str]:
    """A new member's e-mail and token."""
    answer = (await try_sign_up(client, base)).json()
    signed_up = answer["data"]["signUp"]
    assert signed_up["errors"] == [], answer
    return signed_up["member"]["handle"] + "@example.org", signed_up["token"]


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


async def test_sign_ups_from_one_address_spread_over_two_processes_share_one_limit(
    fleet: tuple[str, str],
) -> None:
    address = next(_clients)
    async with httpx.AsyncClient() as client:
        for attempt in range(5):
            answer = await try_sign_up(client, fleet[attempt % 2], address)
            assert (answer.status_code, error_codes(answer.json())) == (200, []), answer.text
        for base in fleet:
            refused = await try_sign_up(client, base, address)
            assert (refused.status_code, error_codes(refused.json())) == (429, ["RATE_LIMITED"])
        other_client = await try_sign_up(client, fleet[1])
        assert (other_client.status_code, error_codes(other_client.json())) == (200, [])


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
