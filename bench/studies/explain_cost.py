"""What R29's explanation costs a profile: the same profile page (the web client's fields) with
and without `relationship { capabilities options }`, on the demo network, through the real app
in process, signed in as the demo member: the database calls each makes and their p50 and p95.

    .venv/bin/python -m bench.studies.explain_cost [--rounds 300]

Measured 2026-12-07 on the 2-core machine, 300 rounds: one database call either way (the facts
are read in the profile's own statement); p50 3.62 ms without, 4.33 ms with (p95 6.59, 8.06).
The same evening, on a machine slower for every request: 8.10 without, 7.92 with, and 7.64,
8.51 in a second run (the morning's code, the same hour: 8.05, 8.55); still one call either way.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any, LiteralString

import httpx

from bench.scratch import scratch_neo4j, timed
from cypher import Query
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from demo.data import DEMO_PASSWORD, email_of
from demo.seed import seed, seed_content
from resolvers.access.passwords import Passwords
from server.app import create_app
from settings import Settings

SETTINGS = Settings(environment="test", reads_per_member=10**9)
PROFILE = """
query ($handle: String!) { member(handle: $handle) {
  id handle name headline primaryButton degree followerCount followingCount connectionCount
  actions { primary secondary }
  relationship {
    isConnected isFollowing isFollowedBy canMessage canViewConnections mutualConnectionCount
    connectNeedsEmail invitationSent { id } invitationReceived { id message }
    EXPLANATION
  }
} }
"""
EXPLANATION = (
    "capabilities options { action available unavailableBecause needsConsent needsEmail grants }"
)
SIGN_IN = "mutation ($i: SignInInput!) { signIn(input: $i) { token } }"


class Counting(Database):
    """The app's database, counting the calls (reads, writes, transactions) it gets."""

    calls = 0

    async def read(self, query: Query[Any] | LiteralString, **params: Any) -> list[Any]:
        Counting.calls += 1
        return await super().read(query, **params)


async def run_on(uri: str, rounds: int) -> None:
    driver = open_driver(uri, "", "")
    try:
        db = Counting(driver, "neo4j", 5)
        await apply_migrations(db)
        await seed(db, Passwords(SETTINGS), DEMO_PASSWORD, inmail_credits=0)
        await seed_content(db)
        app = create_app(SETTINGS, db=db)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                await measure(client, rounds)
    finally:
        await driver.close()


async def measure(client: httpx.AsyncClient, rounds: int) -> None:
    credentials = {"email": email_of("lena-hoffmann"), "password": DEMO_PASSWORD}
    signed_in = await client.post(
        "/graphql", json={"query": SIGN_IN, "variables": {"i": credentials}}
    )
    headers = {"Authorization": f"Bearer {signed_in.json()['data']['signIn']['token']}"}

    def profile(explained: bool) -> Any:
        query = PROFILE.replace("EXPLANATION", EXPLANATION if explained else "")
        body = {"query": query, "variables": {"handle": "theo-winter"}}
        return lambda: client.post("/graphql", json=body, headers=headers)

    for explained in (False, True):
        Counting.calls = 0
        answer = await profile(explained)()
        assert "errors" not in answer.json(), answer.text
        print(f"explained={explained}: {Counting.calls} database calls")
    cases = {"profile": profile(False), "profile with the explanation": profile(True)}
    for name, (p50, p95) in (await timed(cases, rounds)).items():
        print(f"{name}: p50 {p50:.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    rounds = parser.parse_args().rounds
    with scratch_neo4j("vernetzt-explain-") as uri:
        asyncio.run(run_on(uri, rounds))


if __name__ == "__main__":
    main()
