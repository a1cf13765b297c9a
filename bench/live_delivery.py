"""Live delivery (R27) measured: the time from a mutation's answer to its notification on an
open subscription, with `--subscribers` subscriptions open (one socket each), when the mutation
and the subscriber are on one API process and when they are on two; and each process's idle
CPU with no subscription and with all of them open, and the queries per second its poller
sends then. A throw-away local Neo4j, two API
processes (uvicorn, production settings but cheap password hashing for the sign-ups).

    .venv/bin/python -m bench.live_delivery [--subscribers 1000] [--samples 200]

Writes bench/results/live.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import psutil
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from bench.scratch import scratch_neo4j
from bench.servers import ROOT, _process, _wait, free_port, vernetzt_command
from cypher.database import Database, open_driver
from resolvers.live.hub import Hub
from settings import Settings

RESULTS = ROOT / "bench" / "results" / "live.json"
SECRET = "live-delivery-benchmark-secret-long-enough"  # noqa: S105 (a throw-away benchmark's)
SIGN_UP = """
mutation ($i: SignUpInput!) { signUp(input: $i) { token member { id handle } errors { code } } }
"""
FOLLOW = "mutation ($id: ID!) { follow(id: $id) { errors { code } } }"
PROTOCOL = Subprotocol("graphql-transport-ws")
SUBSCRIBE = "subscription { notificationAdded { kind actor { handle } } }"


@contextlib.contextmanager
def api(name: str, neo4j_uri: str) -> Iterator[tuple[str, int]]:
    """An API process: its base URL and its pid."""
    port = free_port()
    env = {
        "VERNETZT_ENV": "production",
        "VERNETZT_SECRET": SECRET,
        "NEO4J_URI": neo4j_uri,
        "VERNETZT_PASSWORD_HASH_TIME_COST": "1",
        "VERNETZT_PASSWORD_HASH_MEMORY_KIB": "1024",
        "VERNETZT_SIGN_UPS_PER_ADDRESS": "1000000",
        "VERNETZT_WRITES_PER_MEMBER": "1000000",
    }
    with _process(name, vernetzt_command(port), env) as process:
        url = f"http://127.0.0.1:{port}"
        _wait(lambda: httpx.get(f"{url}/readyz").status_code == 200, process, name)
        yield url, process.pid


async def sign_up(client: httpx.AsyncClient, base: str, handle: str) -> dict[str, str]:
    account = {
        "handle": handle,
        "name": handle,
        "email": f"{handle}@example.org",
        "password": "live delivery benchmark password",
    }
    answer = await client.post(
        f"{base}/graphql", json={"query": SIGN_UP, "variables": {"i": account}}
    )
    payload = answer.json()["data"]["signUp"]
    return {"token": payload["token"], "id": payload["member"]["id"], "handle": handle}


async def subscribe(base: str, member: dict[str, str]) -> ClientConnection:
    url = base.replace("http", "ws") + "/graphql"
    socket = await connect(url, subprotocols=[PROTOCOL])
    auth = {"Authorization": f"Bearer {member['token']}"}
    await socket.send(json.dumps({"type": "connection_init", "payload": auth}))
    assert json.loads(await socket.recv())["type"] == "connection_ack"
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
    return socket


async def listen(socket: ClientConnection, handle: str, arrivals: dict[str, float]) -> None:
    """Record when the member's notification arrives; answer the server's pings."""
    async for raw in socket:
        message = json.loads(raw)
        if message["type"] == "ping":
            await socket.send(json.dumps({"type": "pong"}))
        elif message["type"] == "next":
            arrivals[handle] = time.perf_counter()


def cpu_seconds(pids: list[int]) -> float:
    return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)


async def idle_cpu(pids: list[int], seconds: float = 10) -> list[float]:
    """Each process's CPU share (seconds of CPU per second) over `seconds` of no requests."""
    before = [cpu_seconds([pid]) for pid in pids]
    await asyncio.sleep(seconds)
    return [
        round((cpu_seconds([pid]) - b) / seconds, 4) for pid, b in zip(pids, before, strict=True)
    ]


async def latencies(
    client: httpx.AsyncClient,
    mutate_on: str,
    actor: dict[str, str],
    members: list[dict[str, str]],
    arrivals: dict[str, float],
) -> list[float]:
    """Milliseconds from each follow's answer to its notification's arrival."""
    found = []
    for member in members:
        headers = {"Authorization": f"Bearer {actor['token']}"}
        body = {"query": FOLLOW, "variables": {"id": member["id"]}}
        answer = await client.post(f"{mutate_on}/graphql", json=body, headers=headers)
        answered = time.perf_counter()
        assert answer.json()["data"]["follow"]["errors"] == [], answer.text
        for _ in range(1000):  # up to 10 s
            if member["handle"] in arrivals:
                break
            await asyncio.sleep(0.01)
        found.append((arrivals[member["handle"]] - answered) * 1000)
    return found


def summary(values: list[float]) -> dict[str, Any]:
    """p50 and p95, and every latency (the distribution the report plots)."""
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95)], 1),
        "latencies_ms": [round(value, 1) for value in values],
    }


async def poller_queries_per_second(
    uri: str, members: list[dict[str, str]], seconds: float = 10
) -> float:
    """The queries one process's poller sends per second while `members` each have a
    subscription open and nothing happens: the Hub's own count, with a Hub of the production
    settings in this process (an API process does not report its count)."""
    driver = open_driver(uri, "", "")
    hub = Hub(Database(driver, "neo4j"), Settings(), lambda: datetime.now(UTC))

    async def drain(member_id: str) -> None:
        async for _ in hub.notifications(member_id):
            pass

    tasks = [asyncio.create_task(drain(member["id"])) for member in members]
    await asyncio.sleep(1)  # every subscription's start is read
    before = hub.polls
    await asyncio.sleep(seconds)
    per_second = (hub.polls - before) / seconds
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await hub.close()
    await driver.close()
    return round(per_second, 2)


async def measure(
    uri: str, a: str, b: str, pids: list[int], subscribers: int, samples: int
) -> dict[str, Any]:
    results: dict[str, Any] = {"subscribers": subscribers, "samples": samples}
    results["idle_cpu_no_subscriptions"] = await idle_cpu(pids)
    async with httpx.AsyncClient(timeout=60) as client:
        actors = [await sign_up(client, a, f"actor-{n}") for n in range(2)]
        members = [await sign_up(client, a, f"member-{n}") for n in range(subscribers)]
        for name, subscribe_on, mutate_on, actor in (
            ("one_process", a, a, actors[0]),
            ("two_processes", b, a, actors[1]),
        ):
            arrivals: dict[str, float] = {}
            sockets = [await subscribe(subscribe_on, member) for member in members]
            listeners = [
                asyncio.create_task(listen(s, m["handle"], arrivals))
                for s, m in zip(sockets, members, strict=True)
            ]
            await asyncio.sleep(2)  # every subscription's start is read
            if name == "one_process":
                results["idle_cpu_with_subscriptions"] = await idle_cpu(pids)
            found = await latencies(client, mutate_on, actor, members[:samples], arrivals)
            results[name] = summary(found)
            for task in listeners:
                task.cancel()
            for socket in sockets:
                await socket.close()
            await asyncio.sleep(1)
        results["poller_queries_per_second"] = await poller_queries_per_second(uri, members)
    worse = max(("one_process", "two_processes"), key=lambda k: results[k]["p95_ms"])
    figures = {key: results[worse][key] for key in ("p50_ms", "p95_ms")}
    results["live_delivery"] = {
        **figures,
        "subscribers": subscribers,
        "processes": 1 if worse == "one_process" else 2,
    }
    return results


def measured(subscribers: int = 1000, samples: int = 200) -> dict[str, Any]:
    """The whole measurement on a throw-away Neo4j and two API processes (bench.run adds it
    to tier M's results)."""
    with (
        scratch_neo4j("vernetzt-live-") as uri,
        api("live-a", uri) as (a, pid_a),
        api("live-b", uri) as (b, pid_b),
    ):
        return asyncio.run(measure(uri, a, b, [pid_a, pid_b], subscribers, samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=200)
    arguments = parser.parse_args()
    results = measured(arguments.subscribers, arguments.samples)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results["live_delivery"], indent=2))


if __name__ == "__main__":
    main()
