"""R27 live updates over real WebSockets (graphql-transport-ws) against real API processes:
A and B share one database, as two machines behind a load balancer would; C pings every second
and closes a socket silent for three, so that those clocks can be watched in seconds."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import jwt
import pytest

from resolvers.request.ids import decode
from server.app import OPERATIONS
from server.persisted import read_operations
from tests.support.client import DEMO_PASSWORD, Account, Api
from tests.support.content import message
from tests.support.live import LiveClient, live
from tests.support.neo4j import Neo4jServer
from tests.support.network import FOLLOW, codes, connect, mutate
from tests.support.processes import SECRET, api_process

FAST = {"VERNETZT_LIVE_POLL_MS": "100", "VERNETZT_SOCKET_CHECK_SECONDS": "1"}
NOTIFICATIONS = "subscription { notificationAdded { id kind actor { handle } } }"
MESSAGES = """
subscription ($id: ID!) { messageAdded(conversationId: $id) { body sender { handle } } }
"""
SIGN_OUT = "mutation { signOut { errors { code } } }"
DELETE_ACCOUNT = """
mutation ($password: String!) { deleteAccount(input: {password: $password}) {
  deleted errors { code }
} }
"""
NODE_CLIENT = Path(__file__).resolve().parent / "node" / "graphql_ws_subscribe.mjs"


@pytest.fixture(scope="module")
def processes(
    neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, str]]:
    logs = tmp_path_factory.mktemp("live")
    clocks = {**FAST, "VERNETZT_SOCKET_PING_SECONDS": "1", "VERNETZT_SOCKET_IDLE_SECONDS": "3"}
    with (
        api_process(neo4j_server, FAST, logs / "a.log") as a,
        api_process(neo4j_server, FAST, logs / "b.log") as b,
        api_process(neo4j_server, clocks, logs / "c.log") as c,
    ):
        yield a, b, c


@pytest.fixture
async def api_a(processes: tuple[str, str, str]) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=processes[0], timeout=30) as client:
        yield Api(client)


async def subscribed(client: LiveClient, account: Account, query: str, **variables: str) -> str:
    assert await client.init(account.token) == {"type": "connection_ack"}
    key = await client.subscribe(query, variables)
    await asyncio.sleep(0.5)  # the subscription is open once its start is read
    return key


async def test_r27_a_notification_made_through_one_process_reaches_a_subscriber_on_another(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    star = await api_a.sign_up()
    fans = [await api_a.sign_up() for _ in range(3)]
    async with live(processes[1]) as socket:
        key = await subscribed(socket, star, NOTIFICATIONS)
        for fan in fans:  # through A, one after the other
            assert codes(await mutate(api_a, FOLLOW, fan, id=star.id)) == []
        received = [await socket.receive() for _ in fans]
        assert await socket.quiet(1) == []  # each once
    assert [m["id"] for m in received] == [key] * 3
    handles = [m["payload"]["data"]["notificationAdded"]["actor"]["handle"] for m in received]
    assert handles == [fan.handle for fan in fans]  # in commit order


async def test_r27_each_new_message_reaches_both_participants_and_no_one_else(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    ada, bob, eve = await api_a.sign_up(), await api_a.sign_up(), await api_a.sign_up()
    await connect(api_a, ada, bob)
    first = await message(api_a, ada, bob, "first")
    conversation = first["conversation"]["id"]
    async with live(processes[0]) as on_a, live(processes[1]) as on_b, live(processes[1]) as eves:
        await subscribed(on_a, ada, MESSAGES, id=conversation)
        await subscribed(on_b, bob, MESSAGES, id=conversation)
        assert await eves.init(eve.token) == {"type": "connection_ack"}
        refused_key = await eves.subscribe(MESSAGES, {"id": conversation})
        refused = await eves.receive()
        for body in ("second", "third"):
            assert codes(await message(api_a, bob, ada, body)) == []
        for socket in (on_a, on_b):
            got = [(await socket.receive())["payload"]["data"]["messageAdded"] for _ in range(2)]
            assert got == [
                {"body": b, "sender": {"handle": bob.handle}} for b in ("second", "third")
            ]
    assert refused["id"] == refused_key
    assert refused["type"] == "error"
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["NOT_FOUND"]


def token(member_id: str, version: int, expires_in: float) -> str:
    """A token as the server signs them (the processes share the test secret)."""
    now = int(time.time())
    claims = {
        "sub": member_id,
        "ver": version,
        "iat": now,
        "exp": now + int(expires_in),
        "iss": "vernetzt",
        "aud": "vernetzt-api",
    }
    return jwt.encode(claims, SECRET, algorithm="HS256")


async def test_r27_a_missing_bad_or_expired_token_closes_the_socket_with_4403(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    ada = await api_a.sign_up()
    for sent in (None, "not-a-token", token(decode(ada.id)[1], 0, -60)):
        async with live(processes[1]) as socket:
            payload = {"Authorization": f"Bearer {sent}"} if sent else {}
            await socket.send({"type": "connection_init", "payload": payload})
            assert (await socket.closed())[0] == 4403


# How a member's session ends for good (R24 signOut, R28 deleteAccount) and what it answers.
ENDINGS = {
    "signOut": (SIGN_OUT, {}, {"errors": []}),
    "deleteAccount": (DELETE_ACCOUNT, {"password": DEMO_PASSWORD}, {"deleted": True, "errors": []}),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
async def test_r27_r28_an_ended_session_closes_the_members_sockets_on_every_process(
    processes: tuple[str, str, str], api_a: Api, ending: str
) -> None:
    ada = await api_a.sign_up()
    mutation, variables, answer = ENDINGS[ending]
    async with live(processes[0]) as on_a, live(processes[1]) as on_b:
        await subscribed(on_a, ada, NOTIFICATIONS)
        await subscribed(on_b, ada, NOTIFICATIONS)
        started = time.monotonic()
        assert (await api_a.data(mutation, variables, ada.token))[ending] == answer
        assert (await on_b.closed())[0] == 4403
        assert (await on_a.closed())[0] == 4403
        assert time.monotonic() - started < 10


async def test_r27_an_expiring_token_closes_its_socket(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    ada = await api_a.sign_up()
    async with live(processes[1]) as socket:
        short = token(decode(ada.id)[1], 0, 3)  # the version of a new member's tokens is 0
        assert await socket.init(short) == {"type": "connection_ack"}
        started = time.monotonic()
        code, reason = await socket.closed()
    assert (code, "expired" in reason) == (4403, True)
    assert time.monotonic() - started < 10


async def test_r27_a_member_has_at_most_5_sockets_across_processes(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    ada = await api_a.sign_up()
    async with ManySockets(processes[:2], 5) as sockets:
        for socket in sockets:
            assert await socket.init(ada.token) == {"type": "connection_ack"}
        for base in processes[:2]:
            async with live(base) as sixth:
                await sixth.send(
                    {"type": "connection_init", "payload": {"Authorization": f"Bearer {ada.token}"}}
                )
                code, reason = await sixth.closed()
                assert (code, reason.startswith("RATE_LIMITED")) == (4429, True)
        await sockets[0].socket.close()
        await asyncio.sleep(0.5)
        async with live(processes[1]) as freed:
            assert await freed.init(ada.token) == {"type": "connection_ack"}


class ManySockets:
    """`count` sockets spread over `bases`, opened and closed together."""

    def __init__(self, bases: tuple[str, ...], count: int) -> None:
        self.bases, self.count = bases, count
        self.stack = contextlib.AsyncExitStack()

    async def __aenter__(self) -> list[LiveClient]:
        return [
            await self.stack.enter_async_context(live(self.bases[i % len(self.bases)]))
            for i in range(self.count)
        ]

    async def __aexit__(self, *exc: object) -> None:
        await self.stack.aclose()


async def test_r27_a_socket_holds_at_most_20_subscriptions(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    ada = await api_a.sign_up()
    async with live(processes[0]) as socket:
        assert await socket.init(ada.token) == {"type": "connection_ack"}
        for _ in range(20):
            await socket.subscribe(NOTIFICATIONS)
        over = await socket.subscribe(NOTIFICATIONS)
        refused = await socket.receive()
    assert (refused["id"], refused["type"]) == (over, "error")
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["RATE_LIMITED"]


async def test_r27_the_server_pings_and_closes_a_silent_socket(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    """Process C pings every second and closes after three silent seconds."""
    ada = await api_a.sign_up()
    async with live(processes[2]) as answering, live(processes[2], answer_pings=False) as silent:
        assert await answering.init(ada.token) == {"type": "connection_ack"}
        assert await silent.init(ada.token) == {"type": "connection_ack"}
        started = time.monotonic()
        (code, _), heard = await asyncio.gather(silent.closed(), answering.quiet(6))
        assert code == 4408
        assert time.monotonic() - started >= 3
        assert silent.pings >= 2
        assert heard == []  # it answered every ping, and is still open
        assert answering.pings >= 5


async def test_r27_the_query_limits_hold_for_subscription_documents(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    ada = await api_a.sign_up()
    deep = (
        "subscription { notificationAdded { actor { " + "worksAt { employees { edges { node { " * 4
    )
    deep += "handle" + " } } } }" * 4 + " } } }"
    async with live(processes[0]) as socket:
        assert await socket.init(ada.token) == {"type": "connection_ack"}
        key = await socket.subscribe(deep)
        refused = await socket.receive()
    assert (refused["id"], refused["type"]) == (key, "error")
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["QUERY_TOO_COMPLEX"]


async def test_r27_the_protocols_reference_client_subscribes_and_receives(
    processes: tuple[str, str, str], api_a: Api
) -> None:
    """graphql-ws (npm), the client the protocol was written with, run by Node."""
    star, fan = await api_a.sign_up(), await api_a.sign_up()
    url = processes[1].replace("http://", "ws://") + "/graphql"
    node = await asyncio.create_subprocess_exec(
        "node",
        str(NODE_CLIENT),
        url,
        star.token,
        "1",
        NOTIFICATIONS,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert node.stdout is not None
    opened = await asyncio.wait_for(node.stdout.readline(), 30)
    assert opened == b"open\n", await node.stderr.read() if node.stderr else b""
    await asyncio.sleep(0.5)  # the subscription's start is read
    assert codes(await mutate(api_a, FOLLOW, fan, id=star.id)) == []
    out, err = await asyncio.wait_for(node.communicate(), 30)
    assert node.returncode == 0, err.decode()
    result = json.loads(out.decode().splitlines()[0])
    added = result["data"]["notificationAdded"]
    assert (added["kind"], added["actor"]["handle"]) == ("NEW_FOLLOWER", fan.handle)


async def test_in_trusted_mode_a_socket_runs_the_clients_subscriptions_and_no_other(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    """VERNETZT_TRUSTED_OPERATIONS_ONLY holds for subscription documents too."""
    operations = read_operations(OPERATIONS)
    sign_up = next(text for text in operations.values() if "mutation SignUp(" in text)
    bell = next(text for text in operations.values() if "subscription Added {" in text)
    trusted = {"VERNETZT_TRUSTED_OPERATIONS_ONLY": "true"}
    with api_process(neo4j_server, trusted, tmp_path / "trusted.log") as base:
        account = {
            "handle": "trusting-ada",
            "name": "Ada",
            "email": "trusting-ada@example.org",
            "password": DEMO_PASSWORD,
        }
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            answer = await client.post(
                "/graphql", json={"query": sign_up, "variables": {"input": account}}
            )
        token = answer.json()["data"]["signUp"]["token"]
        async with live(base) as socket:
            assert await socket.init(token) == {"type": "connection_ack"}
            theirs = await socket.subscribe(NOTIFICATIONS)
            refused = await socket.receive()
            await socket.subscribe(bell)
            heard = await socket.quiet(1)
        async with live(base) as early:  # before connection_ack: the protocol's 4401, no hint
            await early.subscribe(NOTIFICATIONS)
            code, _ = await early.closed()
        assert code == 4401
    assert (refused["id"], refused["type"]) == (theirs, "error")
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["OPERATION_NOT_TRUSTED"]
    assert heard == []  # the client's own subscription runs, silent until something happens
