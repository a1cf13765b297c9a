"""The README's example query, run on the demo data, answers what the README shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cypher.database import Database
from demo.data import DEMO_PASSWORD
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
