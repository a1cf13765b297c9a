"""Database faults: the API keeps running on its own Neo4j while that Neo4j is killed (kill -9)
under mixed write load and started again. While it is down every request answers
SERVICE_UNAVAILABLE (HTTP 503, Retry-After) within 1 s (the breaker, cypher/breaker.py) and
/readyz is 503; once Neo4j is back, requests succeed within 15 s without restarting the API;
every write acknowledged before the kill is there, none half-applied."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

import localneo4j
from cypher.database import Database, open_driver
from server.app import create_app
from tests.integration.test_races import assert_invariants
from tests.support.app import TEST_SETTINGS
from tests.support.client import Account, Api, error_codes
from tests.support.neo4j import free_port

pytestmark = pytest.mark.integration  # it starts (and kills) a Neo4j of its own

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CREATE_POST = """
mutation ($text: String!, $request: String!) {
  createPost(input: {text: $text, requestId: $request}) { post { id } errors { code } }
}
"""
INVITE = """
mutation ($id: ID!) { sendInvitation(input: {memberId: $id}) {
  member { relationship { isConnected } } errors { code }
} }
"""
NODE = "query ($id: ID!) { node(id: $id) { id } }"
METRICS_TOKEN = "a-metrics-token-for-the-fault-test"
BREAKER = "vernetzt_db_breaker_open "
RELATIONSHIP = """
query ($h: String!) { member(handle: $h) { relationship {
  isConnected isFollowing isFollowedBy invitationSent { id }
} } }
"""


@dataclasses.dataclass
class Acknowledged:
    posts: list[tuple[Account, str]] = dataclasses.field(default_factory=list)
    connections: list[tuple[Account, Account]] = dataclasses.field(default_factory=list)
    invitations: list[tuple[Account, Account]] = dataclasses.field(default_factory=list)
    refused_while_down: int = 0
    # Every answer: when its request was sent, when it was answered, its status.
    answers: list[tuple[float, float, int]] = dataclasses.field(default_factory=list)
    # Set once a post and an invitation or connection were acknowledged.
    of_both_kinds: asyncio.Event = dataclasses.field(default_factory=asyncio.Event)


async def write_load(
    api: Api, members: list[Account], acks: Acknowledged, stop: asyncio.Event, worker: int
) -> None:
    """Posts and invitations (crossing ones connect) until told to stop; records what the API
    acknowledged, counts what it refused with 503."""
    me = members[worker]
    for step in itertools.count():
        if stop.is_set():
            return
        other = members[(worker + 1 + step) % len(members)]
        if other is me:
            continue
        sent = time.monotonic()
        if step % 2:
            response = await api.post(INVITE, {"id": other.id}, me.token)
        else:
            text = f"post {worker}-{step}"
            response = await api.post(CREATE_POST, {"text": text, "request": text}, me.token)
        acks.answers.append((sent, time.monotonic(), response.status_code))
        body = response.json()
        if response.status_code == 503:
            acks.refused_while_down += 1
            await asyncio.sleep(0.05)  # a client told to come back later does not spin
            continue
        data = body.get("data") or {}
        if (payload := data.get("createPost")) and not payload["errors"]:
            acks.posts.append((me, payload["post"]["id"]))
        if (payload := data.get("sendInvitation")) and not payload["errors"]:
            connected = payload["member"]["relationship"]["isConnected"]
            (acks.connections if connected else acks.invitations).append((me, other))
        if acks.posts and (acks.connections or acks.invitations):
            acks.of_both_kinds.set()


async def breaker_open(client: httpx.AsyncClient) -> float:
    """The metrics' count of processes whose breaker refuses queries (this one's: 0 or 1)."""
    auth = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    scrape = (await client.get("/metrics", headers=auth)).text
    values = [line.split()[-1] for line in scrape.splitlines() if line.startswith(BREAKER)]
    return float(values[0])


def outage_answers(answers: list[tuple[float, float, int]], killed_at: float) -> dict[str, Any]:
    """The answers that came after the kill: the statuses of the requests sent after it (one
    under way then may have committed before it: 200), and the longest any of them took from
    its request (or the kill, for one under way then) to its answer."""
    after = [answer for answer in answers if answer[1] > killed_at]
    waits = [answered - max(sent, killed_at) for sent, answered, _ in after]
    return {
        "answers": len(after),
        "statuses": sorted({status for sent, _, status in after if sent > killed_at}),
        "slowestSeconds": round(max(waits, default=0.0), 3),
    }


async def first_success(api: Api, member: Account, limit: float = 30) -> float:
    """Seconds until a read of `member`'s own node succeeds, asked every 0.2 s."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        response = await api.post(NODE, {"id": member.id}, member.token)
        if response.status_code == 200 and "errors" not in response.json():
            break
        await asyncio.sleep(0.2)
    return round(time.monotonic() - started, 1)


async def test_killing_neo4j_under_write_load_loses_no_acknowledged_write(tmp_path: Path) -> None:
    port = free_port()
    server = localneo4j.start(tmp_path / "store", port)
    settings = dataclasses.replace(
        TEST_SETTINGS,
        neo4j_uri=server.uri,
        writes_per_member=10**6,
        sign_ups_per_address=10**6,
        metrics_token=METRICS_TOKEN,
    )
    app = create_app(settings)  # its own driver, opened in the lifespan, as `make run` does
    figures: dict[str, Any] = {}
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                api = Api(client)
                members = [await api.sign_up(f"load-{i}") for i in range(6)]
                acks, stop = Acknowledged(), asyncio.Event()
                workers = [
                    asyncio.create_task(write_load(api, members, acks, stop, i))
                    for i in range(len(members))
                ]
                # A fresh JVM plans each query slowly at first (seconds): kill once writes
                # of both kinds have been acknowledged, with more under way.
                async with asyncio.timeout(60):
                    await acks.of_both_kinds.wait()
                await asyncio.sleep(2)
                acknowledged_before = (
                    len(acks.posts),
                    len(acks.connections),
                    len(acks.invitations),
                )
                server.kill()
                killed_at = time.monotonic()

                started = time.monotonic()
                down = await asyncio.wait_for(api.post(NODE, {"id": members[0].id}), timeout=10)
                figures["answerWhileDownSeconds"] = round(time.monotonic() - started, 2)
                assert down.status_code == 503
                assert time.monotonic() - started <= 1.0
                assert down.headers["retry-after"] == "5"
                assert error_codes(down.json()) == ["SERVICE_UNAVAILABLE"]
                assert (await client.get("/readyz")).status_code == 503
                assert await breaker_open(client) == 1

                await asyncio.sleep(2)
                stop.set()
                await asyncio.gather(*workers)
                outage = outage_answers(acks.answers, killed_at)
                figures["outage"] = outage
                # Every request of the outage: refused, and within a second of its start (or
                # of the kill, for one under way then).
                assert outage["answers"] > 0
                assert outage["statuses"] == [503]
                assert outage["slowestSeconds"] <= 1.0, outage

                server = localneo4j.start(tmp_path / "store", port)
                restarted_at = time.monotonic()
                # The API is not restarted: it must find Neo4j again by itself.
                figures["firstSuccessSecondsAfterRestart"] = await first_success(api, members[0])
                assert figures["firstSuccessSecondsAfterRestart"] <= 15
                assert (await client.get("/readyz")).status_code == 200
                assert await breaker_open(client) == 0
                figures["downSeconds"] = round(restarted_at - killed_at, 1)

                lost_posts = [
                    post
                    for author, post in acks.posts
                    if (await api.data(NODE, {"id": post}, author.token))["node"] is None
                ]
                lost_connections, lost_invitations = [], []
                for a, b in acks.connections + acks.invitations:
                    data = await api.data(RELATIONSHIP, {"h": b.handle}, a.token)
                    relationship = data["member"]["relationship"]
                    connected = relationship["isConnected"]
                    if (a, b) in acks.connections and not connected:
                        lost_connections.append((a.handle, b.handle))
                    if (a, b) in acks.invitations and not (
                        connected or relationship["invitationSent"]
                    ):  # pending still, or accepted since by a crossing invitation
                        lost_invitations.append((a.handle, b.handle))
                figures |= {
                    "acknowledgedBeforeKill": dict(
                        zip(
                            ("posts", "connections", "invitations"),
                            acknowledged_before,
                            strict=True,
                        )
                    ),
                    "acknowledged": {
                        "posts": len(acks.posts),
                        "connections": len(acks.connections),
                        "invitations": len(acks.invitations),
                    },
                    "refusedWith503": acks.refused_while_down,
                    "lost": {
                        "posts": len(lost_posts),
                        "connections": len(lost_connections),
                        "invitations": len(lost_invitations),
                    },
                }
                assert (lost_posts, lost_connections, lost_invitations) == ([], [], [])
                assert acknowledged_before[0] > 0
                assert acknowledged_before[1] + acknowledged_before[2] > 0
                driver = open_driver(server.uri, "", "")
                try:
                    await assert_invariants(Database(driver, "neo4j"))
                finally:
                    await driver.close()
    finally:
        server.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "database-faults.json").write_text(json.dumps(figures, indent=2) + "\n")
