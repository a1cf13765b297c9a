"""Read-your-writes over a routing driver (the fleet issue): two real API processes on
`neo4j://`, the scheme of a Neo4j cluster. Neo4j Community answers it with a routing table of
itself, so the routed path (routing table, per-request bookmark manager, the signed
`Vernetzt-Bookmark` header) runs here as it would against a cluster.

The clients below behave like the web client: each request goes to the next process, and a
client sends back the bookmark of its last write."""

from __future__ import annotations

import base64
import itertools
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from cypher.database import Database
from resolvers.request.bookmarks import HEADER, sign_bookmarks
from tests.support.client import Account, Api, error_codes
from tests.support.content import feed_texts, message, post_id
from tests.support.neo4j import Neo4jServer
from tests.support.network import FOLLOW, codes, connect, mutate
from tests.support.processes import SECRET, api_process

UPDATE = """
mutation ($h: String!) {
  updateProfile(input: {headline: $h}) { member { headline } errors { code } }
}
"""
HEADLINE = "query ($handle: String!) { member(handle: $handle) { headline } }"
VIEWER = "{ viewer { member { handle } email } }"
RELATION = """
query ($handle: String!) { member(handle: $handle) {
  degree followerCount connectionCount relationship { isConnected isFollowing }
  connections { edges { node { handle } } }
} }
"""
SEARCH = "query ($q: String!) { searchMembers(query: $q) { edges { node { handle degree } } } }"
CONVERSATIONS = """
{ viewer { conversations { edges { node { with { handle } messages { edges { node { body } } } }
} } } }
"""


def scheme(server: Neo4jServer, name: str) -> dict[str, str]:
    return {"NEO4J_URI": name + "://" + server.uri.partition("://")[2]}


@pytest.fixture(scope="module")
def processes(
    neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, str]]:
    """Processes A and B on `neo4j://`, and C on `bolt://` (one server, no bookmarks)."""
    logs = tmp_path_factory.mktemp("routing")
    with (
        api_process(neo4j_server, scheme(neo4j_server, "neo4j"), logs / "a.log") as a,
        api_process(neo4j_server, scheme(neo4j_server, "neo4j"), logs / "b.log") as b,
        api_process(neo4j_server, scheme(neo4j_server, "bolt"), logs / "c.log") as c,
    ):
        yield a, b, c


class TwoProcessApi(Api):
    """Each request through the next process; the bookmark of the last write sent back."""

    def __init__(self, clients: list[httpx.AsyncClient]) -> None:
        super().__init__(clients[0])
        self.clients = itertools.cycle(clients)
        self.bookmark: str | None = None
        self.bookmarks_received = 0

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if self.bookmark:
            headers[HEADER] = self.bookmark
        body = {"query": query, "variables": variables or {}}
        response = await next(self.clients).post("/graphql", json=body, headers=headers)
        if bookmark := response.headers.get(HEADER):
            self.bookmark, self.bookmarks_received = bookmark, self.bookmarks_received + 1
        return response


@pytest.fixture
async def api(processes: tuple[str, str, str]) -> AsyncIterator[TwoProcessApi]:
    async with (
        httpx.AsyncClient(base_url=processes[0], timeout=30) as a,
        httpx.AsyncClient(base_url=processes[1], timeout=30) as b,
    ):
        yield TwoProcessApi([a, b])


async def test_a_write_through_one_process_is_read_through_the_other(api: TwoProcessApi) -> None:
    ada = await api.sign_up()  # through A
    assert api.bookmark is not None  # a sign-up writes: its answer carries the bookmark
    viewer = await api.data(VIEWER, token=ada.token)  # through B, with A's bookmark
    assert viewer["viewer"] == {"member": {"handle": ada.handle}, "email": ada.email}
    for headline in ("first", "second", "third"):  # written through A, B, A; read through B, A, B
        updated = await mutate(api, UPDATE, ada, h=headline)
        assert updated == {"member": {"headline": headline}, "errors": []}
        read = await api.data(HEADLINE, {"handle": ada.handle}, ada.token)
        assert read["member"]["headline"] == headline
    assert api.bookmarks_received == 4  # one per write, none for a read


async def test_the_key_reads_and_writes_pass_over_a_routing_driver(api: TwoProcessApi) -> None:
    ada, ben, cem = await api.sign_up(), await api.sign_up(), await api.sign_up()
    await connect(api, ada, ben)  # invitation, its id read back, acceptance: alternating
    assert codes(await mutate(api, FOLLOW, cem, id=ada.id)) == []
    relation = (await api.data(RELATION, {"handle": ben.handle}, ada.token))["member"]
    assert relation["degree"] == "FIRST"
    assert relation["relationship"] == {"isConnected": True, "isFollowing": True}
    assert relation["connections"]["edges"] == [{"node": {"handle": ada.handle}}]
    followed = (await api.data(RELATION, {"handle": ada.handle}, cem.token))["member"]
    assert (followed["followerCount"], followed["relationship"]["isFollowing"]) == (2, True)

    await post_id(api, ada, "Routed hello")
    assert await feed_texts(api, ben) == ["Routed hello"]
    assert await feed_texts(api, cem) == ["Routed hello"]  # a follower sees the posts (R15)
    assert codes(await message(api, ben, ada, "Routed message")) == []
    conversations = (await api.data(CONVERSATIONS, token=ada.token))["viewer"]["conversations"]
    [conversation] = [edge["node"] for edge in conversations["edges"]]
    assert conversation["with"]["handle"] == ben.handle
    assert conversation["messages"]["edges"] == [{"node": {"body": "Routed message"}}]
    found = (await api.data(SEARCH, {"q": ben.handle}, ada.token))["searchMembers"]["edges"]
    assert {"handle": ben.handle, "degree": "FIRST"} in [edge["node"] for edge in found]


async def test_a_read_answers_no_bookmark(processes: tuple[str, str, str]) -> None:
    async with httpx.AsyncClient(base_url=processes[0], timeout=30) as client:
        answer = await client.post("/graphql", json={"query": "{ __typename }"})
    assert answer.status_code == 200
    assert HEADER.lower() not in answer.headers


async def test_on_one_server_a_write_answers_no_bookmark(processes: tuple[str, str, str]) -> None:
    """`bolt://` (process C): every read sees every committed write, nothing to carry."""
    async with httpx.AsyncClient(base_url=processes[2], timeout=30) as client:
        ada: Account = await Api(client).sign_up()
        answer = await Api(client).post(UPDATE, {"h": "plain"}, ada.token)
    assert (answer.status_code, error_codes(answer.json())) == (200, [])
    assert HEADER.lower() not in answer.headers


@pytest.mark.parametrize(
    "header",
    [
        "not a bookmark",
        sign_bookmarks("another service's secret, long enough", ["FB:kcwQAAAAAAAAAAAAAB/kA"]),
        sign_bookmarks(SECRET, ["x"] * 9),  # signed, but more than a client ever gets
        "a" * 5000,
        "ÿ.ÿ",
    ],
    ids=["malformed", "forged", "too-many", "too-long", "not-ascii"],
)
async def test_a_bookmark_not_issued_here_is_refused_at_once(
    processes: tuple[str, str, str], header: str
) -> None:
    """A bookmark names a transaction the server waits for: one from the future would hold the
    request for a minute. Only what this service signed is accepted, and the refusal is quick."""
    started = time.monotonic()
    headers = [(HEADER.encode(), header.encode("latin-1"))]
    async with httpx.AsyncClient(base_url=processes[1], timeout=30) as client:
        answer = await client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert (answer.status_code, error_codes(answer.json())) == (400, ["BAD_USER_INPUT"])
    assert HEADER in answer.json()["errors"][0]["message"]
    assert time.monotonic() - started < 5


def future_bookmark(bookmark: str, ahead: int) -> str:
    """`bookmark` moved `ahead` transactions into the future. Neo4j 5's bookmark is "FB:" and
    base64 of three PackStream values: the database ids, the transaction id, an empty list."""
    encoded = bookmark.removeprefix("FB:")
    data = base64.b64decode(encoded + "=" * (-len(encoded) % 4))
    assert data[:3] == b"\x91\xcc\x10", data.hex()  # a list of one 16-byte database id
    head, marker, rest = data[:19], data[19], data[20:]
    widths = {0xC8: 1, 0xC9: 2, 0xCA: 4, 0xCB: 8}
    width = widths.get(marker, 0)
    number = marker if width == 0 else int.from_bytes(rest[:width], "big", signed=True)
    moved = head + b"\xcb" + (number + ahead).to_bytes(8, "big", signed=True) + rest[width:]
    return "FB:" + base64.b64encode(moved).decode().rstrip("=")


async def test_the_servers_reads_wait_for_the_clients_bookmark(
    processes: tuple[str, str, str], database: Database
) -> None:
    """Proof that the carried bookmark reaches Neo4j: one this service signed but that names a
    transaction the database has not reached yet (as on a secondary that lags) holds the read
    until the database gets there; the same read after the current bookmark answers at once."""
    async with database.driver.session(database=database.name) as session:
        await (await session.run("RETURN 1")).consume()
        [bookmark] = (await session.last_bookmarks()).raw_values
    ahead = sign_bookmarks(SECRET, [future_bookmark(bookmark, 1_000_000)])
    current = sign_bookmarks(SECRET, [bookmark])
    query = {"query": '{ member(handle: "nobody") { handle } }'}
    async with httpx.AsyncClient(base_url=processes[0], timeout=30) as client:
        with pytest.raises(httpx.ReadTimeout):  # Neo4j waits 30 s (bookmark_ready_timeout)
            await client.post("/graphql", json=query, headers={HEADER: ahead}, timeout=3)
        started = time.monotonic()
        fine = await client.post("/graphql", json=query, headers={HEADER: current})
    assert (fine.status_code, fine.json()) == (200, {"data": {"member": None}})
    assert time.monotonic() - started < 3
