"""What R28 costs for a big member: the data export (time, size, how much the process's
resident memory grows while building it) and the account's deletion (time), for a member with 30,000
connections, 10,000 posts, 200 conversations of 10 messages and 2,000 notifications, on a
throw-away local Neo4j, through the real app in process. Writes bench/results/leaving.json.

    .venv/bin/python -m bench.studies.leaving_cost [--connections 30000] [--posts 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench.scratch import scratch_neo4j
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from resolvers.request import ids
from server.app import create_app
from settings import Settings

RESULTS = Path(__file__).resolve().parents[1] / "results" / "leaving.json"
PASSWORD = "a password for the big member"  # noqa: S105 (a throw-away account)
# A cheap password hash: the hash is not what is measured.
SETTINGS = Settings(
    environment="test",
    secret="bench-secret-long-enough-for-hs256-signing",  # noqa: S106
    password_hash_time_cost=1,
    password_hash_memory_kib=1024,
    password_hash_parallelism=1,
)
SIGN_UP = """
mutation ($input: SignUpInput!) { signUp(input: $input) { token member { id } errors { code } } }
"""
# The big member's network, made directly (signing up 30,000 members would take an hour).
SEED_CONNECTIONS = """
MATCH (big:Member {id: $id})
UNWIND range(1, $n) AS i
CREATE (other:Member {id: 'c-' + i, handle: 'contact-' + i, name: 'Contact ' + i,
                      whoCanFollow: 'EVERYONE', connectionsVisibility: 'CONNECTIONS'})
CREATE (big)-[:CONNECTED {pair: CASE WHEN big.id < other.id THEN big.id + ':' + other.id
                                     ELSE other.id + ':' + big.id END,
                          since: datetime()}]->(other)
CREATE (big)-[:FOLLOWS {key: big.id + '>' + other.id, since: datetime()}]->(other)
CREATE (other)-[:FOLLOWS {key: other.id + '>' + big.id, since: datetime()}]->(big)
"""
SEED_POSTS = """
MATCH (big:Member {id: $id})
UNWIND range(1, $n) AS i
CREATE (big)-[:POSTED]->(:Post {id: 'p-' + i, text: 'Post number ' + i, audience: 'ANYONE',
                                createdAt: datetime(), isShare: false})
"""
SEED_CONVERSATIONS = """
MATCH (big:Member {id: $id})
UNWIND range(1, $conversations) AS c
MATCH (other:Member {id: 'c-' + c})
CREATE (big)-[:IN]->(conversation:Conversation {id: 'conv-' + c, pair: 'conv-' + c,
  kind: 'DIRECT', hasInMail: false, messageSeq: $messages, lastMessageAt: datetime()})
  <-[:IN]-(other)
WITH big, other, conversation
UNWIND range(1, $messages) AS m
CREATE (conversation)-[:HAS]->(:Message {id: conversation.id + '-' + m, seq: m,
  conversation: conversation.id, body: 'Message ' + m, sentAt: datetime(),
  senderId: CASE WHEN m % 2 = 0 THEN big.id ELSE other.id END})
"""
SEED_NOTIFICATIONS = """
UNWIND range(1, $n) AS i
CREATE (:Notification:UnreadNotification {id: 'n-' + i, kind: 'MESSAGE_RECEIVED',
  recipient: $id, actor: 'c-' + (i % 200 + 1), pair: 'n', seq: i,
  createdAt: timestamp(), conversationId: 'conv-' + (i % 200 + 1)})
"""
EXPORT = "mutation { requestDataExport { export errors { code message } } }"
DELETE = """
mutation ($p: String!) { deleteAccount(input: {password: $p}) { deleted errors { code } } }
"""


PROCESS = psutil.Process()
PEAK: list[int] = [0]


async def peak_rss() -> None:
    """Samples the process's resident memory every 20 ms (tracemalloc would slow the
    driver's decoding several times over, and so the very export it measures)."""
    while True:
        PEAK.append(PROCESS.memory_info().rss)
        await asyncio.sleep(0.02)


async def post(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str | None = None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )


def data_of(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str | None = None
) -> dict[str, Any]:
    return data_of(await post(client, query, variables, token))


def server_timing(response: httpx.Response) -> dict[str, float]:
    """The Server-Timing header's parts in seconds: db (while a query ran) and app (the rest)."""
    parts = (part.strip().split(";dur=") for part in response.headers["server-timing"].split(","))
    return {name: float(ms) / 1000 for name, ms in parts}


async def sign_up(client: httpx.AsyncClient, handle: str) -> tuple[str, str]:
    """A new member's internal id and token."""
    account = {
        "handle": handle,
        "name": handle.title(),
        "email": f"{handle}@example.org",
        "password": PASSWORD,
    }
    signed = (await graphql(client, SIGN_UP, {"input": account}))["signUp"]
    return ids.decode(signed["member"]["id"])[1], signed["token"]


async def measure(uri: str, connections: int, posts: int) -> dict[str, Any]:
    driver = open_driver(uri, "", "")
    try:
        db = Database(driver, "neo4j", 60.0)
        await apply_migrations(db)
        app = create_app(SETTINGS, db=db)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://bench", timeout=600
            ) as client:
                big, token = await sign_up(client, "big-member")
                await db.write(SEED_CONNECTIONS, id=big, n=connections)
                await db.write(SEED_POSTS, id=big, n=posts)
                await db.write(SEED_CONVERSATIONS, id=big, conversations=200, messages=10)
                await db.write(SEED_NOTIFICATIONS, id=big, n=2000)
                # A small member's export and deletion first, on the grown network: the plans
                # are then compiled for its statistics, as on a server that has run for a
                # while. (Warmed before the seeding, every query was planned again on the big
                # member's first call, 0.3-0.8 s each: a tenth of the time measured.)
                _, small_token = await sign_up(client, "small-member")
                await graphql(client, EXPORT, {}, small_token)
                await graphql(client, DELETE, {"p": PASSWORD}, small_token)

                before = PROCESS.memory_info().rss
                sampling = asyncio.create_task(peak_rss())
                started = time.perf_counter()
                response = await post(client, EXPORT, {}, token)
                export_s = time.perf_counter() - started
                answer, split = data_of(response), server_timing(response)
                sampling.cancel()
                peak = max(PEAK) - before
                payload = answer["requestDataExport"]
                assert payload["errors"] == [], payload
                document = json.loads(payload["export"])

                started = time.perf_counter()
                deleted = await graphql(client, DELETE, {"p": PASSWORD}, token)
                delete_s = time.perf_counter() - started
                assert deleted["deleteAccount"] == {"deleted": True, "errors": []}, deleted
                left = await db.read("MATCH (m:Member {handle: 'big-member'}) RETURN m")
                assert left == []
    finally:
        await driver.close()
    return {
        "connections": len(document["connections"]),
        "posts": len(document["posts"]),
        "messages": sum(len(c["messages"]) for c in document["conversations"]),
        "notifications": len(document["notifications"]),
        "export_seconds": round(export_s, 2),
        "export_database_seconds": round(split["db"], 2),
        "export_app_seconds": round(split["app"], 2),
        "export_bytes": len(payload["export"].encode()),
        "export_peak_rss_growth_mib": round(peak / 2**20, 1),
        "delete_seconds": round(delete_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--posts", type=int, default=10_000)
    args = parser.parse_args()
    with scratch_neo4j("vernetzt-leaving-") as uri:
        result = asyncio.run(measure(uri, args.connections, args.posts))
    print(json.dumps(result, indent=2))
    if args.connections == 30_000:
        RESULTS.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
