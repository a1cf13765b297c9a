"""R24: sign-up, sign-in, tokens, sign-out, the viewer and the public card."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.client import DEMO_PASSWORD, Api, error_codes

SIGN_UP = """
mutation ($input: SignUpInput!) {
  signUp(input: $input) { token member { handle name headline } errors { code field message } }
}
"""
SIGN_IN = """
mutation ($email: String!, $password: String!) {
  signIn(input: {email: $email, password: $password}) {
    token member { handle } errors { code message field }
  }
}
"""
VIEWER = "{ viewer { email inMailCredits member { handle name } settings { primaryButton } } }"
PUBLIC_CARD = """
query ($handle: String!) {
  member(handle: $handle) {
    id handle name headline primaryButton followerCount followingCount connectionCount
    joinedAt worksAt { handle }
  }
}
"""


def sign_up_input(**overrides: str) -> dict[str, str]:
    return {
        "handle": "ada",
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "password": DEMO_PASSWORD,
        **overrides,
    }


async def test_r24_sign_up_returns_a_token_for_the_new_member(api: Api) -> None:
    data = await api.data(SIGN_UP, {"input": sign_up_input(headline="Analyst")})
    payload = data["signUp"]
    assert payload["errors"] == []
    assert payload["member"] == {"handle": "ada", "name": "Ada Lovelace", "headline": "Analyst"}
    viewer = await api.data(VIEWER, token=payload["token"])
    assert viewer["viewer"] == {
        "email": "ada@example.org",
        "inMailCredits": 0,
        "member": {"handle": "ada", "name": "Ada Lovelace"},
        "settings": {"primaryButton": "CONNECT"},
    }


async def test_r24_sign_up_refuses_each_malformed_field_and_creates_nothing(api: Api) -> None:
    cases = {
        "handle": ["ab", "a" * 31, "Ada", "ada_l", "ada lovelace"],
        "name": ["", "   ", "x" * 101, "Ada\x00"],
        "email": ["ada", "ada@", "@example.org", "ada@example", "a b@example.org"],
        "password": ["short", "x" * 11, "x" * 1025],
        "headline": ["h" * 221],
    }
    for field, values in cases.items():
        for value in values:
            data = await api.data(SIGN_UP, {"input": sign_up_input(**{field: value})})
            payload = data["signUp"]
            assert payload["token"] is None
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [
                ("INVALID_INPUT", ["input", field])
            ], (field, value)
    assert (await api.data(PUBLIC_CARD, {"handle": "ada"}))["member"] is None


async def test_r24_sign_up_accepts_the_edges_of_every_length_rule(api: Api) -> None:
    data = await api.data(
        SIGN_UP,
        {
            "input": sign_up_input(
                handle="a" * 30, name="n" * 100, password="p" * 12, headline="h" * 220
            )
        },
    )
    assert data["signUp"]["errors"] == []
    data = await api.data(
        SIGN_UP, {"input": sign_up_input(handle="a-9", name="N", email="b@example.org")}
    )
    assert data["signUp"]["errors"] == []


async def test_r24_taken_handle_and_email_are_refused_with_taken(api: Api) -> None:
    await api.sign_up("ada", email="ada@example.org")
    same_handle = await api.data(SIGN_UP, {"input": sign_up_input(email="other@example.org")})
    assert [(e["code"], e["field"]) for e in same_handle["signUp"]["errors"]] == [
        ("TAKEN", ["input", "handle"])
    ]
    same_email = await api.data(
        SIGN_UP, {"input": sign_up_input(handle="ada2", email="ADA@Example.org")}
    )
    assert [(e["code"], e["field"]) for e in same_email["signUp"]["errors"]] == [
        ("TAKEN", ["input", "email"])
    ]


async def test_r24_concurrent_sign_ups_for_one_handle_create_one_member(api: Api) -> None:
    attempts = [
        api.data(SIGN_UP, {"input": sign_up_input(email=f"ada{i}@example.org")}) for i in range(8)
    ]
    results = await asyncio.gather(*attempts)
    codes = sorted(e["code"] for r in results for e in r["signUp"]["errors"])
    assert codes == ["TAKEN"] * 7
    assert sum(1 for r in results if r["signUp"]["token"]) == 1


async def test_r24_sign_in_with_unknown_email_or_wrong_password_is_the_same_refusal(
    api: Api,
) -> None:
    await api.sign_up("ada", email="ada@example.org")
    wrong_password = await api.data(
        SIGN_IN, {"email": "ada@example.org", "password": "not the password"}
    )
    unknown_email = await api.data(
        SIGN_IN, {"email": "nobody@example.org", "password": DEMO_PASSWORD}
    )
    assert wrong_password == unknown_email
    assert wrong_password["signIn"]["token"] is None
    assert [e["code"] for e in wrong_password["signIn"]["errors"]] == ["INVALID_CREDENTIALS"]


async def test_r24_sign_in_matches_the_email_case_insensitively(api: Api) -> None:
    await api.sign_up("ada", email="Ada@Example.org")
    data = await api.data(SIGN_IN, {"email": "ada@example.ORG", "password": DEMO_PASSWORD})
    assert data["signIn"]["errors"] == []
    assert data["signIn"]["member"] == {"handle": "ada"}
    viewer = await api.data(VIEWER, token=data["signIn"]["token"])
    assert viewer["viewer"]["email"] == "Ada@Example.org"


async def test_r24_sign_out_ends_every_token_of_the_member(api: Api) -> None:
    account = await api.sign_up("ada")
    second = await api.data(SIGN_IN, {"email": account.email, "password": DEMO_PASSWORD})
    other_token = second["signIn"]["token"]
    signed_out = await api.data(
        "mutation { signOut { signedOut errors { code } } }", token=account.token
    )
    assert signed_out["signOut"] == {"signedOut": True, "errors": []}
    for token in (account.token, other_token):
        response = await api.post(VIEWER, token=token)
        assert response.status_code == 401
        assert error_codes(response.json()) == ["UNAUTHENTICATED"]
    fresh = await api.data(SIGN_IN, {"email": account.email, "password": DEMO_PASSWORD})
    viewer = await api.data(VIEWER, token=fresh["signIn"]["token"])
    assert viewer["viewer"]["member"]["handle"] == "ada"


@pytest.mark.parametrize(
    "query",
    [
        '{ member(handle: "bob") { name } }',  # the card query answers the check
        '{ searchMembers(query: "bob") { totalCount } }',  # no card: a query of its own does
        "{ viewer { email } }",
    ],
)
async def test_r24_an_ended_token_reads_nothing_with_or_without_a_member_card(
    api: Api, query: str
) -> None:
    account = await api.sign_up("ada")
    await api.sign_up("bob")
    assert (await api.post(query, token=account.token)).status_code == 200
    await api.data("mutation { signOut { signedOut } }", token=account.token)
    response = await api.post(query, token=account.token)
    assert response.status_code == 401
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]
    assert response.json()["data"] is None


async def test_r24_an_ended_token_writes_nothing(api: Api) -> None:
    """The session check runs beside the request; a write waits for it to commit, and the
    refusal rolls the transaction back."""
    account = await api.sign_up("ada")
    await api.data("mutation { signOut { signedOut } }", token=account.token)
    create = 'mutation { createPost(input: {text: "after sign-out"}) { post { id } } }'
    response = await api.post(create, token=account.token)
    assert response.status_code == 401
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]
    fresh = await api.data(SIGN_IN, {"email": account.email, "password": DEMO_PASSWORD})
    posts = await api.data(
        '{ member(handle: "ada") { posts { edges { node { text } } } } }',
        token=fresh["signIn"]["token"],
    )
    assert posts["member"]["posts"]["edges"] == []


async def test_r24_a_forged_or_malformed_token_is_unauthenticated(api: Api) -> None:
    account = await api.sign_up("ada")
    forged = account.token[:-4] + ("AAAA" if not account.token.endswith("AAAA") else "BBBB")
    for token in (forged, "not-a-jwt"):
        response = await api.post('{ member(handle: "ada") { name } }', token=token)
        assert response.status_code == 401
        assert error_codes(response.json()) == ["UNAUTHENTICATED"]
    response = await api.client.post(
        "/graphql", json={"query": "{ viewer { email } }"}, headers={"Authorization": "Basic x"}
    )
    assert response.status_code == 401


async def test_r24_anonymous_callers_get_the_public_card(api: Api) -> None:
    account = await api.sign_up("ada", name="Ada Lovelace", headline="Analyst")
    data = await api.data(PUBLIC_CARD, {"handle": "ada"})
    card = data["member"]
    assert card.pop("joinedAt").endswith("+00:00")
    assert card == {
        "id": account.id,
        "handle": "ada",
        "name": "Ada Lovelace",
        "headline": "Analyst",
        "primaryButton": "CONNECT",
        "followerCount": 0,
        "followingCount": 0,
        "connectionCount": 0,
        "worksAt": None,
    }
    assert (await api.data(VIEWER))["viewer"] is None


async def test_r24_anonymous_callers_cannot_run_member_mutations(api: Api) -> None:
    for mutation in (
        "mutation { signOut { signedOut } }",
        'mutation { updateProfile(input: {name: "X"}) { member { name } } }',
        "mutation { updateSettings(input: {openProfile: true}) { settings { openProfile } } }",
    ):
        body = await api.run(mutation)
        assert error_codes(body) == ["UNAUTHENTICATED"], mutation
        assert body["data"] is None


async def test_r24_node_answers_members_and_refuses_ids_not_of_ours(api: Api) -> None:
    account = await api.sign_up("ada")
    query = "query ($id: ID!) { node(id: $id) { id ... on Member { handle } } }"
    data = await api.data(query, {"id": account.id})
    assert data["node"] == {"id": account.id, "handle": "ada"}
    body = await api.run(query, {"id": "definitely-not-ours"})
    assert error_codes(body) == ["BAD_USER_INPUT"]
