"""Abuse limits, error codes and production posture, as a client sees them (issue: security)."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from cypher.database import Database, open_driver
from server.app import create_app
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import DEMO_PASSWORD, Api, error_codes

SIGN_IN = """
mutation ($e: String!, $p: String!) {
  signIn(input: {email: $e, password: $p}) { token errors { code } }
}
"""


def nested_connections(levels: int, first: int = 2) -> str:
    inner = "handle"
    for _ in range(levels):
        inner = f"connections(first: {first}) {{ edges {{ node {{ {inner} }} }} }}"
    return f'{{ member(handle: "ada") {{ {inner} }} }}'


async def test_query_depth_is_limited(api: Api) -> None:
    await api.sign_up("ada")
    assert error_codes(await api.run(nested_connections(3))) == []  # depth 10
    assert error_codes(await api.run(nested_connections(4))) == ["QUERY_TOO_COMPLEX"]  # 13


async def test_aliases_are_limited(api: Api) -> None:
    fields = " ".join(f'a{i}: member(handle: "ada") {{ name }}' for i in range(31))
    assert error_codes(await api.run(f"{{ {fields} }}")) == ["QUERY_TOO_COMPLEX"]
    fields = " ".join(f'a{i}: member(handle: "ada") {{ name }}' for i in range(30))
    assert error_codes(await api.run(f"{{ {fields} }}")) == []


async def test_tokens_are_limited(api: Api) -> None:
    many = " ".join(["name"] * 2100)
    assert error_codes(await api.run(f'{{ member(handle: "ada") {{ {many} }} }}')) == [
        "QUERY_TOO_COMPLEX"
    ]


async def test_cost_counts_list_sizes_and_variables(api: Api) -> None:
    ada = await api.sign_up("ada")
    wide = """query ($n: Int) { searchMembers(query: "a", first: $n) { edges { node {
      connections(first: 100) { edges { node { handle name } } } } } } }"""
    assert error_codes(await api.run(wide, {"n": 100}, ada.token)) == ["QUERY_TOO_COMPLEX"]
    assert error_codes(await api.run(wide, {"n": 5}, ada.token)) == []


async def test_an_oversized_body_is_refused_with_413(api: Api) -> None:
    response = await api.client.post(
        "/graphql",
        content=b'{"query": "' + b" " * 100_001 + b'{ viewer { email } }"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


async def test_sign_in_brute_force_is_rate_limited_per_account(api: Api) -> None:
    ada = await api.sign_up("ada")
    for _ in range(10):
        body = await api.run(SIGN_IN, {"e": ada.email, "p": "not the password"})
        assert body["data"]["signIn"]["errors"] == [{"code": "INVALID_CREDENTIALS"}]
    response = await api.post(SIGN_IN, {"e": ada.email, "p": DEMO_PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert error_codes(response.json()) == ["RATE_LIMITED"]
    assert "retryAfter" in response.json()["errors"][0]["extensions"]


SIGN_UP_ONLY = "mutation ($input: SignUpInput!) { signUp(input: $input) { token } }"


async def _sign_up_from(api: Api, handle: str, forwarded_for: str) -> httpx.Response:
    account = {
        "handle": handle,
        "name": handle,
        "email": f"{handle}@example.org",
        "password": "long enough password",
    }
    body = {"query": SIGN_UP_ONLY, "variables": {"input": account}}
    headers = {"X-Forwarded-For": forwarded_for}
    return await api.client.post("/graphql", json=body, headers=headers)


async def test_behind_a_trusted_proxy_sign_ups_are_counted_per_client(
    db: Database, clock: Clock
) -> None:
    """The in-process client's socket is 127.0.0.1, here the trusted proxy."""
    behind = dataclasses.replace(
        TEST_SETTINGS, sign_ups_per_address=2, trusted_proxies=("127.0.0.1",)
    )
    async with serve(db, behind, clock) as api:
        for handle in ("ann", "ben"):
            assert (await _sign_up_from(api, handle, "203.0.113.1")).status_code == 200
        refused = await _sign_up_from(api, "cyd", "203.0.113.1")
        assert (refused.status_code, error_codes(refused.json())) == (429, ["RATE_LIMITED"])
        other_client = await _sign_up_from(api, "dan", "203.0.113.2")
        assert (other_client.status_code, error_codes(other_client.json())) == (200, [])


async def test_sign_ups_from_one_ipv6_64_share_one_limit(db: Database, clock: Clock) -> None:
    """An IPv6 subscriber holds a /64 and picks addresses from it at will."""
    behind = dataclasses.replace(
        TEST_SETTINGS, sign_ups_per_address=2, trusted_proxies=("127.0.0.1",)
    )
    async with serve(db, behind, clock) as api:
        for handle, address in (("ann", "2001:db8:1:2::1"), ("ben", "2001:db8:1:2:a::2")):
            assert (await _sign_up_from(api, handle, address)).status_code == 200
        refused = await _sign_up_from(api, "cyd", "2001:db8:1:2:ffff:1:2:3")
        assert (refused.status_code, error_codes(refused.json())) == (429, ["RATE_LIMITED"])
        next_block = await _sign_up_from(api, "dan", "2001:db8:1:3::1")
        assert (next_block.status_code, error_codes(next_block.json())) == (200, [])


async def test_a_forged_forwarded_for_from_an_untrusted_peer_is_ignored(
    db: Database, clock: Clock
) -> None:
    untrusted = dataclasses.replace(TEST_SETTINGS, sign_ups_per_address=2)
    async with serve(db, untrusted, clock) as api:
        for handle, forged in (("ann", "203.0.113.1"), ("ben", "203.0.113.2")):
            assert (await _sign_up_from(api, handle, forged)).status_code == 200
        refused = await _sign_up_from(api, "cyd", "203.0.113.3")  # still the same socket
        assert (refused.status_code, error_codes(refused.json())) == (429, ["RATE_LIMITED"])


async def test_sign_ups_and_writes_are_rate_limited(db: Database, clock: Clock) -> None:
    tight = dataclasses.replace(TEST_SETTINGS, sign_ups_per_address=2, writes_per_member=3)
    async with serve(db, tight, clock) as api:
        ada = await api.sign_up("ada")
        await api.sign_up("bob")
        refused = await api.post(
            "mutation ($input: SignUpInput!) { signUp(input: $input) { token } }",
            {
                "input": {
                    "handle": "cyd",
                    "name": "Cyd",
                    "email": "c@example.org",
                    "password": "long enough password",
                }
            },
        )
        assert (refused.status_code, error_codes(refused.json())) == (429, ["RATE_LIMITED"])
        update = 'mutation { updateProfile(input: {headline: "x"}) { errors { code } } }'
        for _ in range(3):
            assert error_codes(await api.run(update, token=ada.token)) == []
        limited = await api.post(update, token=ada.token)
        assert (limited.status_code, error_codes(limited.json())) == (429, ["RATE_LIMITED"])
        # Events are dated by the database's clock when the test's lags it (a slow start):
        # the time to come back is the one the answer names, at most a minute ahead.
        retry_after = datetime.fromisoformat(
            limited.json()["errors"][0]["extensions"]["retryAfter"]
        )
        assert retry_after - datetime.now(UTC) <= timedelta(minutes=1, seconds=1)
        clock.now = max(clock.now, retry_after + timedelta(milliseconds=1))
        assert error_codes(await api.run(update, token=ada.token)) == []


async def test_an_unreachable_database_answers_503_within_ten_seconds() -> None:
    driver = open_driver("bolt://127.0.0.1:9", "", "")  # nothing listens there
    app = create_app(TEST_SETTINGS, db=Database(driver, "neo4j", 5))
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                query = '{ member(handle: "a") { name } }'
                request = client.post("/graphql", json={"query": query})
                response = await asyncio.wait_for(request, timeout=10)
                assert response.status_code == 503
                assert response.headers["retry-after"] == "5"
                assert error_codes(response.json()) == ["SERVICE_UNAVAILABLE"]
                token_check = client.post(
                    "/graphql",
                    json={"query": "{ viewer { email } }"},
                    headers={"Authorization": "Bearer " + "x" * 20},
                )
                response = await asyncio.wait_for(token_check, timeout=10)
                assert response.status_code in (401, 503)
    finally:
        await driver.close()


PRODUCTION = dataclasses.replace(
    TEST_SETTINGS,
    environment="production",
    introspection=False,
    graphql_ide=False,
    cors_origins=("https://app.example.org",),
)


async def test_production_turns_introspection_suggestions_and_the_ide_off(
    db: Database, clock: Clock
) -> None:
    async with serve(db, PRODUCTION, clock) as api:
        introspection = await api.run("{ __schema { types { name } } }")
        assert set(error_codes(introspection)) == {"BAD_USER_INPUT"}
        assert introspection["data"] is None
        typo = await api.run('{ membr(handle: "ada") { name } }')
        assert "Did you mean" not in typo["errors"][0]["message"]
        page = await api.client.get("/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in page.text.lower()
        allowed = await api.client.options(
            "/graphql",
            headers={"Origin": "https://app.example.org", "Access-Control-Request-Method": "POST"},
        )
        assert allowed.headers["access-control-allow-origin"] == "https://app.example.org"
        other = await api.client.options(
            "/graphql",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in other.headers
        response = await api.post("{ viewer { email } }")
        assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_development_keeps_introspection_and_suggestions(api: Api) -> None:
    assert error_codes(await api.run("{ __schema { queryType { name } } }")) == []
    typo = await api.run('{ membr(handle: "ada") { name } }')
    assert "Did you mean" in typo["errors"][0]["message"]


async def test_security_headers_on_every_answer(api: Api) -> None:
    response = await api.post("{ viewer { email } }")
    headers: dict[str, Any] = dict(response.headers)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["content-security-policy"].startswith("default-src 'none'")


async def test_graphql_response_media_type_when_asked(api: Api) -> None:
    accept = {"Accept": "application/graphql-response+json"}
    ok = await api.client.post("/graphql", json={"query": "{ viewer { email } }"}, headers=accept)
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("application/graphql-response+json")
    broken = await api.client.post("/graphql", json={"query": "{ viewer {"}, headers=accept)
    assert broken.status_code == 400
    invalid = await api.client.post("/graphql", json={"query": "{ nothing }"}, headers=accept)
    assert invalid.status_code == 400
    for never_executed in (broken, invalid):  # a request error has no `data` entry at all
        body = never_executed.json()
        assert "data" not in body
        assert error_codes(body) == ["BAD_USER_INPUT"]
    legacy = await api.client.post("/graphql", json={"query": "{ nothing }"})
    assert (legacy.status_code, legacy.headers["content-type"]) == (200, "application/json")


async def test_batched_operations_are_not_executed(api: Api) -> None:
    batch = [{"query": "{ viewer { email } }"}, {"query": "{ viewer { email } }"}]
    response = await api.client.post("/graphql", json=batch)
    assert response.status_code == 400


# 100 results with 60 connections each cost 18,501, far over the limit of 5,000; 20 results
# (the schema's default page) cost 3,861, which a guard that misses the operation's own
# default, or a float, would let pass.
WIDE = """query ($n: Int = 100) { searchMembers(query: "a", first: $n) { edges { node {
  connections(first: 60) { edges { node { handle } } } } } } }"""


async def test_cost_prices_the_variables_execution_uses(api: Api) -> None:
    """The operation's own default, and a float that execution coerces to an Int."""
    ada = await api.sign_up("ada")
    assert error_codes(await api.run(WIDE, {}, ada.token)) == ["QUERY_TOO_COMPLEX"]
    assert error_codes(await api.run(WIDE, {"n": 100.0}, ada.token)) == ["QUERY_TOO_COMPLEX"]
    assert error_codes(await api.run(WIDE, {"n": 5.0}, ada.token)) == []


async def test_a_first_out_of_range_refuses_the_request_before_anything_runs(api: Api) -> None:
    """A negative `first` once cancelled the price of everything beside it."""
    ada = await api.sign_up("ada")
    wide = WIDE.replace("query ($n: Int = 100) {", "query ($n: Int = 100) { viewer { member {")
    wide += " connections(first: -2147483648) { edges { node { id } } } } } }"
    refused = await api.run(wide, {"n": 1}, ada.token)
    assert (refused["data"], error_codes(refused)) == (None, ["BAD_USER_INPUT"])
    write = """mutation { createPost(input: {text: "never"}) { post { author { ... on Member {
      connections(first: $n) { totalCount } } } } } }""".replace(
        "mutation {", "mutation ($n: Int) {"
    )
    assert error_codes(await api.run(write, {"n": 101}, ada.token)) == ["BAD_USER_INPUT"]
    posts = "{ viewer { member { posts { edges { node { id } } } } } }"
    assert (await api.data(posts, token=ada.token))["viewer"]["member"]["posts"]["edges"] == []


async def test_thirty_aliased_searches_are_priced_out(api: Api) -> None:
    """Each search ranks up to 1,000 matches whatever its page: it costs what it reads."""
    ada = await api.sign_up("ada")
    searches = " ".join(
        f'a{i}: searchMembers(query: "a", first: 1) {{ totalCount }}' for i in range(30)
    )
    assert error_codes(await api.run(f"{{ {searches} }}", token=ada.token)) == ["QUERY_TOO_COMPLEX"]
    one = '{ searchMembers(query: "a") { edges { node { handle name headline } } } }'
    assert error_codes(await api.run(one, token=ada.token)) == []
