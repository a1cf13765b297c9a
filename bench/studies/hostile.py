"""The security review's hostile clients (docs/security.md), measured against a running API as
the review measured them: what each costs the process (RSS, /healthz latency, another member's
read) and what it is answered.

    .venv/bin/python -m bench.studies.hostile --base http://127.0.0.1:8000 --neo4j bolt://127.0.0.1:7687

It seeds its own data through Bolt (50,000 members named "Seed …", 20,000 long posts of one
member) and signs up members through the API; run it on a throw-away store. The process's RSS
is read from /proc, so the API must run on this machine."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncGraphDatabase
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

PROTOCOL = Subprotocol("graphql-transport-ws")
PASSWORD = "hostile probe password"  # noqa: S105 (the probe's own members)
SIGN_UP = """mutation ($i: SignUpInput!) { signUp(input: $i) { token member { id handle } } }"""
SEED_MEMBERS = """UNWIND range($from, $to) AS i
CREATE (:Member {id: 'seed-' + i, handle: 'seed-' + i, name: 'Seed ' + i,
  email: 'seed' + i + '@example.org', emailKey: 'seed' + i + '@example.org', passwordHash: 'x',
  tokenVersion: 0, joinedAt: datetime(), primaryButton: 'CONNECT',
  connectionsVisibility: 'CONNECTIONS', invitationPolicy: 'EVERYONE', whoCanFollow: 'EVERYONE',
  openProfile: false, acceptsInMail: true, inMailCredits: 0})"""
SEED_POSTS = """MATCH (m:Member {id: $member})
UNWIND range($from, $to) AS i
CREATE (m)-[:POSTED]->(:Post {id: $member + '-post-' + i, text: $text, audience: 'ANYONE',
  createdAt: datetime({epochMillis: timestamp() - i}), isShare: false})"""


class Probe:
    def __init__(self, base: str, neo4j: str) -> None:
        self.base, self.neo4j = base, neo4j
        self.client = httpx.AsyncClient(base_url=base, timeout=60)
        self.pid = int(httpx.get(f"{base}/healthz").json()["pid"])

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    async def sign_up(self) -> dict[str, str]:
        handle = f"probe-{uuid.uuid4().hex[:10]}"
        account = {
            "handle": handle,
            "name": handle,
            "email": f"{handle}@example.org",
            "password": PASSWORD,
        }
        request = {"query": SIGN_UP, "variables": {"i": account}}
        body = (await self.client.post("/graphql", json=request)).json()
        payload = body["data"]["signUp"]
        return {"token": payload["token"], "id": payload["member"]["id"], "handle": handle}

    async def graphql(self, query: str, token: str | None = None, **variables: Any) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": query, "variables": variables}
        started = time.perf_counter()
        answer = await self.client.post("/graphql", json=body, headers=headers)
        return answer, time.perf_counter() - started

    async def while_running(
        self, load: Callable[[], Coroutine[Any, Any, None]], sample: Callable[[], Awaitable[float]]
    ) -> tuple[list[float], float]:
        """Run `load`; meanwhile time `sample` over and over and watch the RSS: the samples
        (ms) and the RSS peak (MB)."""
        samples: list[float] = []
        peak = self.rss_mb()
        task = asyncio.create_task(load())
        while not task.done():
            samples.append(await sample())
            peak = max(peak, self.rss_mb())
            await asyncio.sleep(0.05)
        await task
        return samples, peak

    async def healthz_ms(self) -> float:
        started = time.perf_counter()
        await self.client.get("/healthz")
        return (time.perf_counter() - started) * 1000


def summary(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    return f"n={len(samples)} p50 {statistics.median(samples):.0f} ms max {max(samples):.0f} ms"


@contextlib.asynccontextmanager
async def socket(base: str, **options: Any) -> AsyncIterator[Any]:
    url = base.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], max_size=None, **options) as opened:
        yield opened


async def big_messages(probe: Probe) -> None:
    """Finding 2: an anonymous socket sends ten pings of 16 MiB of nested objects, deflated
    where the server agrees to it (to about 16 KB)."""
    # 16,776,936 bytes, just under uvicorn's default limit of 16 MiB.
    ping = {"type": "ping", "payload": {"x": [{}] * 5_592_300}}
    message = json.dumps(ping, separators=(",", ":"))
    base_samples = [await probe.healthz_ms() for _ in range(20)]
    answers: list[str] = []

    async def send() -> None:
        async with socket(probe.base, compression="deflate") as opened:
            for _ in range(10):
                try:
                    await opened.send(message)
                    answers.append(json.loads(await asyncio.wait_for(opened.recv(), 30))["type"])
                except ConnectionClosed:
                    answers.append(f"closed {opened.close_code}")
                    return

    before = probe.rss_mb()
    samples, peak = await probe.while_running(send, probe.healthz_ms)
    print(f"2 big messages: answers {answers}")
    print(f"  healthz before {summary(base_samples)}; during {summary(samples)}")
    print(f"  rss {before:.0f} -> peak {peak:.0f} MB")


async def stalled_output(probe: Probe) -> None:
    """Finding 4: a signed-in socket sends 600 subscribes whose errors echo 55 KB, reads none."""
    member = await probe.sign_up()
    before = probe.rss_mb()
    sent = 0
    started = time.monotonic()
    async with socket(probe.base, max_queue=1, compression=None) as opened:
        init = {
            "type": "connection_init",
            "payload": {"Authorization": f"Bearer {member['token']}"},
        }
        await opened.send(json.dumps(init))
        query = "subscription { " + "x" * 55_000 + " }"
        with contextlib.suppress(ConnectionClosed, TimeoutError):
            for key in range(600):
                message = {"id": str(key), "type": "subscribe", "payload": {"query": query}}
                await asyncio.wait_for(opened.send(json.dumps(message)), 10)
                sent += len(query)
        elapsed = time.monotonic() - started
        after = probe.rss_mb()
        await asyncio.sleep(30)
        later = probe.rss_mb()
        state = f"closed {opened.close_code}" if opened.close_code else "still open"
    print(
        f"4 stalled output: {sent / 1e6:.0f} MB sent in {elapsed:.1f} s; rss {before:.0f} -> "
        f"{after:.0f} MB, 30 s later {later:.0f} MB; socket {state}"
    )


COST = {
    "default": (
        """query ($n: Int = 100) { searchMembers(query: "seed", first: $n) { edges {
      node { mutualConnections(first: 60) { edges { node { handle } } } } } } }""",
        {},
    ),
    "float": (
        """query ($n: Int) { searchMembers(query: "seed", first: $n) { edges {
      node { mutualConnections(first: 60) { edges { node { handle } } } } } } }""",
        {"n": 100.0},
    ),
    "negative": (
        """{ viewer { member {
        connections(first: -2147483648) { edges { node { id } } } } }
      searchMembers(query: "seed", first: 100) { edges { node {
        mutualConnections(first: 60) { edges { node { handle } } } } } } }""",
        {},
    ),
}


async def cost_bypasses(probe: Probe) -> None:
    """Finding 5: the three ways past the cost guard."""
    member = await probe.sign_up()
    for name, (query, variables) in COST.items():
        answer, seconds = await probe.graphql(query, member["token"], **variables)
        codes = [e.get("extensions", {}).get("code") for e in answer.json().get("errors", [])]
        print(
            f"5 cost, {name}: HTTP {answer.status_code} in {seconds:.2f} s, "
            f"{len(answer.content):,} bytes, codes {codes}"
        )


async def searches(probe: Probe, aliases: int) -> None:
    """Finding 6: four parallel requests of `aliases` one-letter searches, and another
    member's anonymous profile read meanwhile."""
    member = await probe.sign_up()
    many = " ".join(f'a{i}: searchMembers(query: "s") {{ totalCount }}' for i in range(aliases))

    async def profile() -> float:
        _, seconds = await probe.graphql('{ member(handle: "seed-1") { name headline } }')
        return float(seconds) * 1000

    base = [await profile() for _ in range(20)]
    outcomes: list[str] = []

    async def load() -> None:
        answers = await asyncio.gather(
            *(probe.graphql(f"{{ {many} }}", member["token"]) for _ in range(4))
        )
        for answer, seconds in answers:
            errors = answer.json().get("errors", [])
            codes = sorted({e.get("extensions", {}).get("code") for e in errors})
            outcomes.append(f"HTTP {answer.status_code} {seconds:.2f} s {codes}")

    samples, _ = await probe.while_running(load, profile)
    print(f"6 {aliases} searches x 4: {outcomes}")
    print(f"  profile read before {summary(base)}; during {summary(samples)}")


async def export(probe: Probe) -> None:
    """Finding 7: an export of 20,000 posts of 3,000 characters, asked for twice."""
    member = await probe.sign_up()
    driver = AsyncGraphDatabase.driver(probe.neo4j)
    member_id = await _member_key(driver, member["handle"])
    for start in range(1, 20_001, 5_000):
        bounds = {"from": start, "to": start + 4999}
        await driver.execute_query(SEED_POSTS, {"member": member_id, "text": "p" * 3000, **bounds})
    await driver.close()
    query = "mutation { requestDataExport { export errors { code } } }"
    answers: list[Any] = []

    async def ask() -> None:
        answers.append(await probe.graphql(query, member["token"]))

    before = probe.rss_mb()
    samples, peak = await probe.while_running(ask, probe.healthz_ms)
    (answer, seconds) = answers[0]
    codes = [e["code"] for e in answer.json()["data"]["requestDataExport"]["errors"]]
    print(
        f"7 export of 20,000 posts: HTTP {answer.status_code} in {seconds:.1f} s, "
        f"{len(answer.content) / 1e6:.1f} MB, codes {codes}; rss {before:.0f} -> peak "
        f"{peak:.0f} MB; healthz during {summary(samples)}"
    )
    if codes == ["EXPORT_TOO_LARGE"]:
        await download(probe, member["token"])
    again, _ = await probe.graphql(query, member["token"])
    print(f"  export again at once: {again.json()['data']['requestDataExport']['errors']}")


async def download(probe: Probe, token: str) -> None:
    """The download the refusal points to (GET /export), read as it streams."""
    sizes: list[int] = []

    async def fetch() -> None:
        headers = {"Authorization": f"Bearer {token}"}
        async with probe.client.stream("GET", "/export", headers=headers) as answer:
            sizes.append(answer.status_code)
            sizes.append(sum([len(chunk) async for chunk in answer.aiter_bytes()]))

    before, started = probe.rss_mb(), time.perf_counter()
    samples, peak = await probe.while_running(fetch, probe.healthz_ms)
    print(
        f"  download: HTTP {sizes[0]}, {sizes[1] / 1e6:.1f} MB in "
        f"{time.perf_counter() - started:.1f} s; rss {before:.0f} -> peak {peak:.0f} MB; "
        f"healthz during {summary(samples)}"
    )


async def _member_key(driver: Any, handle: str) -> str:
    records, _, _ = await driver.execute_query(
        "MATCH (m:Member {handle: $h}) RETURN m.id AS id", h=handle
    )
    return str(records[0]["id"])


async def seed_members(neo4j: str, count: int) -> None:
    driver = AsyncGraphDatabase.driver(neo4j)
    records, _, _ = await driver.execute_query(
        "MATCH (m:Member) WHERE m.id STARTS WITH 'seed-' RETURN count(m) AS n"
    )
    for start in range(records[0]["n"] + 1, count + 1, 10_000):
        await driver.execute_query(SEED_MEMBERS, {"from": start, "to": min(count, start + 9999)})
    await driver.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--neo4j", required=True)
    parser.add_argument("--only", nargs="*", default=["2", "4", "5", "6", "7"])
    arguments = parser.parse_args()
    await seed_members(arguments.neo4j, 50_000)
    probe = Probe(arguments.base, arguments.neo4j)
    steps: dict[str, Callable[[], Awaitable[None]]] = {
        "2": lambda: big_messages(probe),
        "4": lambda: stalled_output(probe),
        "5": lambda: cost_bypasses(probe),
        "6": lambda: searches_both(probe),
        "7": lambda: export(probe),
    }
    for key in arguments.only:
        await steps[key]()


async def searches_both(probe: Probe) -> None:
    await searches(probe, 30)
    await searches(probe, 20)


if __name__ == "__main__":
    asyncio.run(main())
