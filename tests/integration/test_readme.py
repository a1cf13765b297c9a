"""The README's example query, run on the demo data, answers what the README shows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cypher.database import Database
from demo.data import DEMO_PASSWORD, DEMO_SIGN_IN, email_of
from demo.seed import seed
from resolvers.access.passwords import Passwords
from tests.support.app import TEST_SETTINGS
from tests.support.client import Api

README = Path(__file__).resolve().parents[2] / "README.md"


EXAMPLE = re.compile(
    r"<!-- example as=([\w-]+) -->\s*```graphql\n(.*?)```\s*.*?<!-- answer -->\s*```json\n(.*?)```",
    re.DOTALL,
)


def examples(text: str) -> list[tuple[str, str, str]]:
    """(viewer handle or 'anonymous', query, answer) of every README example, in order."""
    found = EXAMPLE.findall(text)
    assert found, "the README has no example"
    return [(viewer, query, answer) for viewer, query, answer in found]


async def sign_in(api: Api, handle: str) -> str:
    data = await api.data(
        "mutation ($e: String!, $p: String!) {"
        " signIn(input: {email: $e, password: $p}) { token } }",
        {"e": email_of(handle), "p": DEMO_PASSWORD},
    )
    return str(data["signIn"]["token"])


async def test_readme_examples_answer_as_shown(api: Api, db: Database) -> None:
    await seed(db, Passwords(TEST_SETTINGS), DEMO_PASSWORD, 0)
    answers = []
    for viewer, query, answer in examples(README.read_text()):
        token = None if viewer == "anonymous" else await sign_in(api, viewer)
        answers.append((await api.run(query, token=token), json.loads(answer)))
    assert [got for got, _ in answers] == [want for _, want in answers]


async def test_demo_seed_is_idempotent(db: Database) -> None:
    passwords = Passwords(TEST_SETTINGS)
    first = await seed(db, passwords, DEMO_PASSWORD, 0)
    again = await seed(db, passwords, DEMO_PASSWORD, 0)
    assert (first, again) == (50, 0)
    row = await db.read_one("MATCH (m:Member) RETURN count(m) AS members")
    assert row == {"members": 50}


DEMO_VIEW = """
{
  viewer {
    invitationsReceived { totalCount } invitationsSent { totalCount }
    blocked { edges { node { handle } } }
    peopleYouMayKnow { member { handle } }
    conversations { edges { node { kind with { handle } } } }
    feed(first: 50) { edges { node { isShare audience author { __typename } } } }
  }
  company(handle: "nordlicht-labs") { isAdmin followerCount employees { totalCount } }
}
"""
DEMO_PROFILE = """
query ($handle: String!) {
  member(handle: $handle) {
    degree primaryButton connections { totalCount } pathFromViewer { handle }
  }
}
"""


async def test_demo_network_shows_every_case_for_the_demo_sign_in(api: Api, db: Database) -> None:
    await seed(db, Passwords(TEST_SETTINGS), DEMO_PASSWORD, 0)
    signed_in = await api.data(
        "mutation ($e: String!, $p: String!) {"
        " signIn(input: {email: $e, password: $p}) { token } }",
        {"e": DEMO_SIGN_IN, "p": DEMO_PASSWORD},
    )
    token = signed_in["signIn"]["token"]

    async def profile(handle: str) -> dict[str, Any]:
        data = await api.data(DEMO_PROFILE, {"handle": handle}, token)
        member: dict[str, Any] = data["member"]
        return member

    people = ("jonas-weber", "clara-richter", "tim-krueger", "julia-schmid")
    degrees = {handle: (await profile(handle))["degree"] for handle in people}
    assert degrees == {
        "jonas-weber": "FIRST",
        "clara-richter": "SECOND",
        "tim-krueger": "THIRD",
        "julia-schmid": "OUT_OF_NETWORK",
    }
    assert (await profile("nina-huber"))["primaryButton"] == "FOLLOW"
    assert (await profile("emma-fischer"))["connections"] is None  # connected, but ONLY_ME
    assert (await profile("jonas-weber"))["connections"]["totalCount"] == 4
    path = [hop and hop["handle"] for hop in (await profile("tim-krueger"))["pathFromViewer"]]
    assert path in (  # two shortest paths: lena's connection is jonas or mira
        ["lena-hoffmann", "jonas-weber", None, "tim-krueger"],
        ["lena-hoffmann", "mira-schulz", None, "tim-krueger"],
    )
    viewer = (await api.data(DEMO_VIEW, token=token))["viewer"]
    assert viewer["invitationsReceived"]["totalCount"] == 2  # a third one is ignored
    assert viewer["invitationsSent"]["totalCount"] == 2
    assert viewer["blocked"]["edges"] == [{"node": {"handle": "anton-ludwig"}}]
    assert viewer["peopleYouMayKnow"]
    kinds = {
        (c["node"]["kind"], c["node"]["with"]["handle"]) for c in viewer["conversations"]["edges"]
    }
    assert kinds == {
        ("DIRECT", "jonas-weber"),
        ("DIRECT", "mira-schulz"),
        ("INMAIL", "katharina-fuchs"),
    }
    feed = [edge["node"] for edge in viewer["feed"]["edges"]]
    assert any(post["isShare"] for post in feed)
    assert any(post["audience"] == "CONNECTIONS" for post in feed)
    assert any(post["author"]["__typename"] == "Company" for post in feed)
    company = (await api.data(DEMO_VIEW, token=token))["company"]
    assert company == {"isAdmin": True, "followerCount": 4, "employees": {"totalCount": 2}}
