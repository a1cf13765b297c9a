"""Fuzzing: operations generated from the served schema (hypothesis-graphql), hostile strings
included (NUL, Cypher and Lucene metacharacters, any unicode), sent by a signed-in member to the
real app and database. Zero INTERNAL_SERVER_ERROR answers and zero 500s, and the service still
answers afterwards. A bounded run here; `make fuzz` runs a long one (VERNETZT_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, queries

from cypher.database import Database
from scripts.export_schema import exported_text
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import Account, Api
from tests.support.content import company, post_id
from tests.support.network import connect

EXAMPLES = int(os.environ.get("VERNETZT_FUZZ_EXAMPLES", "120"))
SCHEMA = exported_text()
OPERATIONS = st.one_of(queries(SCHEMA), mutations(SCHEMA))
HOSTILE = st.sampled_from(
    [
        "'; MATCH (n) DETACH DELETE n //",
        '" OR 1=1 --',
        "\x00",
        "name:* OR *:*",
        "\\",
        "ü" * 500,
        "{{$}}",
        "\U0001f600" * 50,
        "x" * 10_000,
        "<script>alert(1)</script>",
        "",
    ]
)
FUZZ_SETTINGS = dataclasses.replace(
    TEST_SETTINGS,
    writes_per_member=1_000_000,
    sign_ups_per_address=1_000_000,
    sign_ins_per_address=1_000_000,
    max_body_bytes=1_000_000,
)


@dataclasses.dataclass
class Target:
    api: Api
    viewer: Account
    ids: list[str]


@pytest.fixture
async def target(db: Database, clock: Clock) -> AsyncIterator[Target]:
    async with serve(db, FUZZ_SETTINGS, clock) as api:
        ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
        await connect(api, ada, bob)
        ids = [ada.id, bob.id, await post_id(api, bob, "hello"), await company(api, bob, "acme")]
        yield Target(api, ada, ids)


def assert_handled(status: int, body: Any) -> None:
    assert status != 500
    codes = [e.get("extensions", {}).get("code") for e in (body or {}).get("errors") or []]
    assert "INTERNAL_SERVER_ERROR" not in codes, body


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operation=OPERATIONS)
async def test_generated_operations_never_fail_internally(target: Target, operation: str) -> None:
    response = await target.api.post(operation, token=target.viewer.token)
    assert_handled(response.status_code, response.json() if response.content else None)


STRING_ARGUMENTS = [
    ("query ($s: String!) { member(handle: $s) { name } }", {}),
    ("query ($s: String!) { company(handle: $s) { name } }", {}),
    ("query ($s: String!) { searchMembers(query: $s) { totalCount } }", {}),
    ('query ($s: String) { searchMembers(query: "a", after: $s) { totalCount } }', {}),
    ("query ($s: ID!) { node(id: $s) { id } }", {}),
    (
        "mutation ($s: String!) { updateProfile(input: {name: $s, headline: $s})"
        " { errors { code } } }",
        {},
    ),
    (
        "mutation ($s: String!) { createPost(input: {text: $s, requestId: $s})"
        " { errors { code } } }",
        {},
    ),
    ("mutation ($s: String!) { signIn(input: {email: $s, password: $s}) { errors { code } } }", {}),
    ("mutation ($s: ID!) { follow(id: $s) { errors { code } } }", {}),
    (
        "mutation ($s: String!, $m: ID!) {"
        " sendInvitation(input: {memberId: $m, message: $s, email: $s}) { errors { code } } }",
        {"m": 1},
    ),
    (
        "mutation ($s: String!, $m: ID!) { sendMessage(input: {memberId: $m, body: $s})"
        " { errors { code } } }",
        {"m": 1},
    ),
    (
        "mutation ($s: String!) { createCompany(input: {handle: $s, name: $s, description: $s})"
        " { errors { code } } }",
        {},
    ),
]


@settings(
    max_examples=max(EXAMPLES // 2, 20),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    case=st.sampled_from(STRING_ARGUMENTS),
    text=st.one_of(HOSTILE, st.text(max_size=400)),
)
async def test_hostile_strings_in_every_string_argument(
    target: Target, case: tuple[str, dict[str, int]], text: str
) -> None:
    query, id_arguments = case
    variables: dict[str, Any] = {"s": text}
    variables |= {name: target.ids[index] for name, index in id_arguments.items()}
    response = await target.api.post(query, variables, token=target.viewer.token)
    assert_handled(response.status_code, response.json() if response.content else None)


async def test_the_service_still_answers_after_fuzzing(target: Target) -> None:
    health = await target.api.client.get("/readyz")
    assert health.status_code == 200
