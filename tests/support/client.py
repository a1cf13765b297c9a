"""A GraphQL client for the tests: operations go through the real HTTP app, in process."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import httpx

DEMO_PASSWORD = "correct horse battery staple"
_handles = itertools.count(1)

SIGN_UP = """
mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    token
    member { id handle }
    errors { code message field }
  }
}
"""


@dataclass(frozen=True)
class Account:
    id: str
    handle: str
    email: str
    token: str


class Api:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": query, "variables": variables or {}}
        return await self.client.post("/graphql", json=body, headers=headers)

    async def run(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """The whole response body (data and errors) of a request that got HTTP 200."""
        response = await self.post(query, variables, token)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """The data of an operation that must succeed without top-level errors."""
        body = await self.run(query, variables, token)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def sign_up(self, handle: str | None = None, **fields: Any) -> Account:
        handle = handle or f"member-{next(_handles)}"
        account = {
            "handle": handle,
            "name": fields.pop("name", handle.replace("-", " ").title()),
            "email": fields.pop("email", f"{handle}@example.org"),
            "password": fields.pop("password", DEMO_PASSWORD),
            **fields,
        }
        payload = (await self.data(SIGN_UP, {"input": account}))["signUp"]
        assert payload["errors"] == [], payload
        return Account(payload["member"]["id"], handle, account["email"], payload["token"])


def error_codes(body: dict[str, Any]) -> list[str]:
    """The extensions.code of every top-level error of a response body."""
    return [error["extensions"]["code"] for error in body.get("errors", [])]
