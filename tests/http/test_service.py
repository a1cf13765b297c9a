"""The HTTP surface: health, readiness, GraphiQL, GET for queries only, masked errors."""

from __future__ import annotations

import os

import httpx
import pytest

import resolvers.members
from cypher.database import Database, open_driver
from server.app import create_app
from tests.support.app import TEST_SETTINGS
from tests.support.client import Api, error_codes


async def test_healthz_answers_while_the_process_is_up(api: Api) -> None:
    response = await api.client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "pid": os.getpid()})


async def test_readyz_is_200_when_neo4j_answers_and_is_migrated(api: Api) -> None:
    response = await api.client.get("/readyz")
    assert (response.status_code, response.text) == (200, "ready")


async def test_readyz_is_503_when_neo4j_is_unreachable() -> None:
    # Port 9 (discard) has no Bolt server on this machine: the connection is refused.
    driver = open_driver("bolt://127.0.0.1:9", "", "")
    app = create_app(TEST_SETTINGS, db=Database(driver, "neo4j"))
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                response = await client.get("/readyz")
                assert response.status_code == 503
                assert (await client.get("/healthz")).status_code == 200
    finally:
        await driver.close()


async def test_graphiql_is_served_to_a_browser(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_queries_work_over_get(api: Api) -> None:
    await api.sign_up("ada", name="Ada")
    response = await api.client.get(
        "/graphql", params={"query": '{ member(handle: "ada") { name } }'}
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"member": {"name": "Ada"}}}


async def test_mutations_are_refused_over_get(api: Api) -> None:
    ada = await api.sign_up("ada")
    response = await api.client.get(
        "/graphql",
        params={"query": "mutation { signOut { signedOut } }"},
        headers={"Authorization": f"Bearer {ada.token}"},
    )
    assert response.status_code == 400
    assert "not allowed" in response.text
    # The token still works: the sign-out did not happen.
    assert (await api.data("{ viewer { email } }", token=ada.token))["viewer"] is not None


async def test_unexpected_errors_are_masked(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("MATCH (secret:Cypher) driver detail")

    monkeypatch.setattr(resolvers.members, "by_handle", broken)
    body = await api.run('{ member(handle: "ada") { name } }')
    assert body["errors"] == [
        {
            "message": "Internal server error.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["member"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]


async def test_a_syntax_error_is_bad_user_input(api: Api) -> None:
    # With the legacy application/json media type the GraphQL over HTTP spec answers 200.
    response = await api.post("{ member(handle: ")
    assert response.status_code == 200
    assert error_codes(response.json()) == ["BAD_USER_INPUT"]
