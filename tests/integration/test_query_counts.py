"""A page of members or posts costs a constant number of database queries, whatever its size:
visibility, degree and actions come in batches (DataLoaders), never one query per item."""

from __future__ import annotations

from typing import Any

import pytest

from cypher.database import Database
from tests.api import Account, Api
from tests.content import post_id
from tests.network import FOLLOW, connect, mutate

SEARCH = """
query ($first: Int) { searchMembers(query: "peer", first: $first) {
  edges { node { handle degree followerCount actions { primary secondary }
                 relationship { isFollowing mutualConnectionCount } } }
} }
"""

FEED_WITH_AUTHORS = """
query ($first: Int) { viewer { feed(first: $first) { edges { node {
  text author { ... on Member { handle followerCount degree } }
} } } } }
"""


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every query the app sends through Database, in order."""
    sent: list[str] = []
    original = Database._run

    async def counting(self: Database, query: Any, params: Any, routing: Any) -> Any:
        sent.append(query)
        return await original(self, query, params, routing)

    monkeypatch.setattr(Database, "_run", counting)
    return sent


async def peers(api: Api, me: Account, count: int) -> None:
    for i in range(count):
        peer = await api.sign_up(f"peer-{i}", name=f"Peer {i}")
        if i % 2:
            await connect(api, me, peer)


async def test_a_page_of_members_costs_the_same_queries_at_any_size(
    api: Api, queries: list[str]
) -> None:
    me = await api.sign_up("myself")
    await peers(api, me, 12)
    counts = []
    for first in (2, 12):
        queries.clear()
        data = await api.data(SEARCH, {"first": first}, me.token)
        assert len(data["searchMembers"]["edges"]) == first
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4  # session, search, cards, relations


async def test_a_feed_page_costs_the_same_queries_at_any_size(api: Api, queries: list[str]) -> None:
    me = await api.sign_up("myself")
    for i in range(6):
        author = await api.sign_up(f"author-{i}")
        await mutate(api, FOLLOW, me, id=author.id)
        await post_id(api, author, f"post {i}")
    counts = []
    for first in (1, 6):
        queries.clear()
        data = await api.data(FEED_WITH_AUTHORS, {"first": first}, me.token)
        assert len(data["viewer"]["feed"]["edges"]) == first
        counts.append(len(queries))
    # session, viewer, feed page, posts, author cards, authors' degree
    assert counts[0] == counts[1] <= 6
