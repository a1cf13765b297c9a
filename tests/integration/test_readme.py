"""The README's example query, run on the demo data, answers what the README shows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cypher.database import Database
from demo.data import DEMO_PASSWORD, DEMO_SIGN_IN
from demo.seed import seed
from resolvers.passwords import Passwords
from tests.api import Api
from tests.conftest import TEST_SETTINGS

README = Path(__file__).resolve().parents[2] / "README.md"


def block_after(marker: str, text: str) -> str:
    match = re.search(rf"<!-- {marker} -->\s*```\w*\n(.*?)```", text, re.DOTALL)
    assert match, f"README lacks the block after <!-- {marker} -->"
    return match.group(1)


async def test_readme_example_answers_as_shown(api: Api, db: Database) -> None:
    await seed(db, Passwords(TEST_SETTINGS), DEMO_PASSWORD, 0)
    text = README.read_text()
    answer = await api.run(block_after("readme-example-query", text))
    assert answer == json.loads(block_after("readme-example-answer", text))


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
  }
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
        "jonas-weber": "FIRST", "clara-richter": "SECOND", "tim-krueger": "THIRD",
        "julia-schmid": "OUT_OF_NETWORK",
    }  # fmt: skip
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
