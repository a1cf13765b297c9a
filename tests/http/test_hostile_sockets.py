"""Live sockets against hostile clients (docs/security.md), on real API processes: a peer that
takes nothing, oversized and compressed messages, a fat connection_init, queries and mutations
sent over a socket, and a socket kept open while what it read changes.

`bounded` runs as every launcher runs it (server.websocket.uvicorn_flags) and checks its sockets
every second; `plain` runs with uvicorn's own defaults (16 MiB messages, compression on), to show
what the app holds by itself, and checks its sockets only every 30 seconds."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from tests.support.client import Account, Api
from tests.support.content import message, post
from tests.support.live import PROTOCOL, LiveClient, live
from tests.support.neo4j import Neo4jServer
from tests.support.network import BLOCK, FOLLOW, UNFOLLOW, codes, mutate
from tests.support.network import connect as connect_members
from tests.support.processes import api_process

# The tests reach the processes as the clients of one address of their own behind a proxy, so
# that their sign-ups do not count against the other modules' processes' (127.0.0.1).
OWN_ADDRESS = {"X-Forwarded-For": "198.51.100.29"}
BEHIND_A_PROXY = {"VERNETZT_TRUSTED_PROXIES": "127.0.0.1"}
BOUNDED = {
    **BEHIND_A_PROXY,
    "VERNETZT_LIVE_POLL_MS": "100",
    "VERNETZT_SOCKET_CHECK_SECONDS": "1",
    "VERNETZT_SOCKET_SEND_SECONDS": "2",
    "VERNETZT_SOCKET_INIT_SECONDS": "2",
}
PLAIN = {**BEHIND_A_PROXY, "VERNETZT_LIVE_POLL_MS": "100", "VERNETZT_SOCKET_CHECK_SECONDS": "30"}
NOTIFICATIONS = "subscription { notificationAdded { id } }"
# Each item carries the actor's last 100 posts: 400 KB when each holds 1,000 four-byte emoji.
HEAVY = """subscription { notificationAdded { actor {
  posts(first: 100) { edges { node { text } } } } } }"""
MESSAGES = "subscription ($id: ID!) { messageAdded(conversationId: $id) { body } }"
SIGN_OUT = "mutation { signOut { errors { code } } }"


@pytest.fixture(scope="module")
def processes(
    neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    logs = tmp_path_factory.mktemp("hostile")
    with (
        api_process(neo4j_server, BOUNDED, logs / "bounded.log") as bounded,
        api_process(neo4j_server, PLAIN, logs / "plain.log", uvicorn_defaults=True) as plain,
    ):
        yield bounded, plain


@pytest.fixture
async def api(processes: tuple[str, str]) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=processes[0], timeout=30, headers=OWN_ADDRESS) as client:
        yield Api(client)


@contextlib.asynccontextmanager
async def taking_nothing(base: str) -> AsyncIterator[ClientConnection]:
    """A socket whose client stops reading after the handshake: a tiny receive buffer, and a
    client library that stops reading once one message waits unread."""
    host, port = base.removeprefix("http://").split(":")
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    url = base.replace("http://", "ws://") + "/graphql"
    async with connect(
        url,
        sock=raw,
        subprotocols=[Subprotocol(PROTOCOL)],
        max_queue=1,
        compression=None,
        ping_interval=None,
        open_timeout=10,
    ) as stalled:
        yield stalled


async def test_a_socket_that_takes_nothing_holds_no_other_socket(
    processes: tuple[str, str], api: Api
) -> None:
    """Eve's 20 subscriptions get 16 MB she never reads; once she signs out, the watcher closes
    her socket. Lena's socket must still close at her sign-out, Mia's slots must stay counted
    (the cap of 5 holds), and Eve's socket is cut off, not left waiting."""
    bounded = processes[0]
    eve, lena, mia, fan = [await api.sign_up() for _ in range(4)]
    for _ in range(100):
        assert codes(await post(api, fan, "🙂" * 1000)) == []
    async with (
        taking_nothing(bounded) as stalled,
        live(bounded) as lenas,
        SocketsOf(bounded, mia, 5) as mias,
    ):
        await stalled.send(_init(eve))
        for key in range(20):
            await stalled.send(
                json.dumps({"id": str(key), "type": "subscribe", "payload": {"query": HEAVY}})
            )
        assert await lenas.init(lena.token) == {"type": "connection_ack"}
        await asyncio.sleep(2)  # the subscriptions are open (no message says so)
        for follow in (FOLLOW, UNFOLLOW, FOLLOW):  # two notifications: 2 x 20 items of 400 KB
            assert codes(await mutate(api, follow, fan, id=eve.id)) == []
        await asyncio.sleep(1)
        await api.data(SIGN_OUT, token=eve.token)  # the watcher now closes her socket
        await asyncio.sleep(2)
        started = time.monotonic()
        await api.data(SIGN_OUT, token=lena.token)
        assert (await lenas.closed())[0] == 4403
        assert time.monotonic() - started < 10
        await asyncio.sleep(4)  # past three missed renewals: unrenewed slots would lapse
        assert await mias.sixth() == 4429
        assert all(socket.socket.close_code is None for socket in mias.sockets)
        # What Eve's client finds when it reads at last: the connection cut off, no close
        # message (1006); a socket still waiting would hand over its 16 MB and a 4403.
        with contextlib.suppress(ConnectionClosed):
            while True:
                await asyncio.wait_for(stalled.recv(), 10)
        assert stalled.close_code == 1006


class SocketsOf:
    """`count` admitted sockets of one member on one process, and the answer to one more."""

    def __init__(self, base: str, member: Account, count: int) -> None:
        self.base, self.member, self.count = base, member, count
        self.stack = contextlib.AsyncExitStack()
        self.sockets: list[LiveClient] = []

    async def __aenter__(self) -> SocketsOf:
        for _ in range(self.count):
            socket = await self.stack.enter_async_context(live(self.base))
            assert await socket.init(self.member.token) == {"type": "connection_ack"}
            self.sockets.append(socket)
        return self

    async def sixth(self) -> int | None:
        async with live(self.base) as extra:
            await extra.send(json.loads(_init(self.member)))
            return (await extra.closed())[0]

    async def __aexit__(self, *exc: object) -> None:
        await self.stack.aclose()


def _init(member: Account) -> str:
    return json.dumps(
        {"type": "connection_init", "payload": {"Authorization": f"Bearer {member.token}"}}
    )


# A ping of 1 MB that parses into 333,333 objects: sent before any sign-in.
BIG_PING = json.dumps({"type": "ping", "payload": {"x": [{}] * 333_333}})


@pytest.mark.parametrize("compression", [None, "deflate"])
@pytest.mark.parametrize("which", ["bounded", "plain"])
async def test_a_message_over_64_kib_is_refused_with_1009(
    processes: tuple[str, str], compression: str | None, which: str
) -> None:
    """Refused before it is parsed: by uvicorn's limit where the launcher set it (which also
    offers no compression), by the app's own check under uvicorn's defaults."""
    base = processes[0] if which == "bounded" else processes[1]
    url = base.replace("http://", "ws://") + "/graphql"
    async with connect(
        url,
        subprotocols=[Subprotocol(PROTOCOL)],
        compression=compression,
        max_size=None,
    ) as socket:
        extensions = (
            socket.response.headers.get("Sec-WebSocket-Extensions") if socket.response else None
        )
        if which == "bounded":
            assert extensions is None  # compression is never agreed
        with contextlib.suppress(ConnectionClosed):
            await socket.send(BIG_PING)
            await asyncio.wait_for(socket.recv(), 10)
        assert socket.close_code == 1009
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        assert (await client.get("/healthz")).status_code == 200


async def test_connection_init_carries_the_token_and_comes_soon(
    processes: tuple[str, str], api: Api
) -> None:
    ada = await api.sign_up()
    async with live(processes[0]) as fat:
        payload = {"Authorization": f"Bearer {ada.token}", "pad": "x" * 5000}
        await fat.send({"type": "connection_init", "payload": payload})
        assert (await fat.closed())[0] == 4400
    async with live(processes[0]) as silent:  # connection_init within 2 s on this process
        started = time.monotonic()
        assert (await silent.closed())[0] == 4408
        assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "operation",
    [
        "{ viewer { member { handle } } }",
        'mutation { createPost(input: {text: "over a socket"}) { post { id } errors { code } } }',
    ],
)
async def test_queries_and_mutations_over_a_socket_are_refused(
    processes: tuple[str, str], api: Api, operation: str
) -> None:
    """They go over HTTP, where each request gets its own time, limits and session check."""
    ada = await api.sign_up()
    async with live(processes[0]) as socket:
        assert await socket.init(ada.token) == {"type": "connection_ack"}
        key = await socket.subscribe(operation)
        answer = await socket.receive()
    assert (answer["id"], answer["type"]) == (key, "error")
    posts = await api.data(
        "query ($h: String!) { member(handle: $h) { posts { edges { node { id } } } } }",
        {"h": ada.handle},
        ada.token,
    )
    assert posts["member"]["posts"]["edges"] == []


async def test_a_subscription_sees_the_blocks_made_after_the_socket_opened(
    processes: tuple[str, str], api: Api
) -> None:
    """R18 over an old socket: each subscription reads with loaders of its own, never those of
    an earlier one on the same socket."""
    ada, bob = await api.sign_up(), await api.sign_up()
    await connect_members(api, ada, bob)
    conversation = (await message(api, ada, bob, "hello"))["conversation"]["id"]
    async with live(processes[1]) as bobs:
        assert await bobs.init(bob.token) == {"type": "connection_ack"}
        first = await bobs.subscribe(MESSAGES, {"id": conversation})
        await asyncio.sleep(0.5)  # open: the conversation was read
        await bobs.send({"id": first, "type": "complete"})
        assert codes(await mutate(api, BLOCK, ada, id=bob.id)) == []
        second = await bobs.subscribe(MESSAGES, {"id": conversation})
        refused = await bobs.receive()
    assert (refused["id"], refused["type"]) == (second, "error")
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["NOT_FOUND"]


async def test_a_subscription_needs_a_session_that_stands(
    processes: tuple[str, str], api: Api
) -> None:
    """On `plain` the watcher looks every 30 s: the subscription itself checks the session."""
    ada = await api.sign_up()
    async with live(processes[1]) as socket:
        assert await socket.init(ada.token) == {"type": "connection_ack"}
        await api.data(SIGN_OUT, token=ada.token)
        key = await socket.subscribe(NOTIFICATIONS)
        refused = await socket.receive()
    assert (refused["id"], refused["type"]) == (key, "error")
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["UNAUTHENTICATED"]
