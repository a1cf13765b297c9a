"""A page of members or posts costs a constant number of database queries, whatever its size:
visibility, degree and actions come in batches (DataLoaders), never one query per item; the
batches a page starts together go as one statement (resolvers.request.together), and the member
cards answer the session check (resolvers.access.session)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from cypher.database import Database
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import Account, Api
from tests.support.content import post_id
from tests.support.network import FOLLOW, connect, mutate
from tests.support.recording import RecordingDatabase

SEARCH = """
query ($first: Int) { searchMembers(query: "peer", first: $first) {
  edges { node { handle degree followerCount actions { primary secondary }
                 relationship { isFollowing mutualConnectionCount } } }
} }
"""

PROFILE = """
query ($handle: String!) { member(handle: $handle) {
  handle name followerCount degree
  relationship { isConnected mutualConnectionCount canMessage }
  actions { primary secondary }
} }
"""

FEED_WITH_AUTHORS = """
query ($first: Int) { viewer { feed(first: $first) { edges { node {
  text author { ... on Member { handle followerCount degree } }
} } } } }
"""


@pytest.fixture
def recording(db: Database) -> RecordingDatabase:
    """The test database, recording every call the app makes to it."""
    return RecordingDatabase.sharing(db)


@pytest.fixture
async def api(recording: RecordingDatabase, clock: Clock) -> AsyncIterator[Api]:
    """The app of conftest's `api`, on the recording database."""
    async with serve(recording, TEST_SETTINGS, clock) as client:
        yield client


async def peers(api: Api, me: Account, count: int) -> None:
    for i in range(count):
        peer = await api.sign_up(f"peer-{i}", name=f"Peer {i}")
        if i % 2:
            await connect(api, me, peer)


async def test_a_page_of_members_costs_the_same_queries_at_any_size(
    api: Api, recording: RecordingDatabase
) -> None:
    me = await api.sign_up("myself")
    await peers(api, me, 12)
    counts = []
    for first in (2, 12):
        recording.calls.clear()
        data = await api.data(SEARCH, {"first": first}, me.token)
        assert len(data["searchMembers"]["edges"]) == first
        counts.append(len(recording.calls))
    assert counts == [2, 2]  # the search page; then cards and relations, one statement


async def test_a_feed_page_costs_the_same_queries_at_any_size(
    api: Api, recording: RecordingDatabase
) -> None:
    me = await api.sign_up("myself")
    for i in range(6):
        author = await api.sign_up(f"author-{i}")
        await mutate(api, FOLLOW, me, id=author.id)
        await post_id(api, author, f"post {i}")
    counts = []
    for first in (1, 6):
        recording.calls.clear()
        data = await api.data(FEED_WITH_AUTHORS, {"first": first}, me.token)
        assert len(data["viewer"]["feed"]["edges"]) == first
        counts.append(len(recording.calls))
    # the feed page with its posts; then the authors' cards and degrees, one statement
    assert counts == [2, 2]


async def test_a_profile_page_costs_one_query(api: Api, recording: RecordingDatabase) -> None:
    """The card, the viewer's relation and the session check, in one statement."""
    me = await api.sign_up("myself")
    await peers(api, me, 2)
    recording.calls.clear()
    data = await api.data(PROFILE, {"handle": "peer-1"}, me.token)
    assert data["member"]["relationship"]["isConnected"] is True
    assert data["member"]["followerCount"] == 1
    assert [call.kind for call in recording.calls] == ["read"]


FACTS = "viewerWhoCanFollow"  # a column only relationship_facts.cypher reads
PROFILE_EXPLAINED = PROFILE.replace(
    "relationship {",
    "relationship { capabilities options { action available unavailableBecause grants }",
)


async def test_r29_a_profile_that_asks_for_the_explanation_costs_no_query_more(
    api: Api, recording: RecordingDatabase
) -> None:
    """Read only when selected, in the profile's own statement, beside the card and relation."""
    me = await api.sign_up("myself")
    await peers(api, me, 2)
    recording.calls.clear()
    data = await api.data(PROFILE_EXPLAINED, {"handle": "peer-1"}, me.token)
    relationship = data["member"]["relationship"]
    assert "MESSAGE" in relationship["capabilities"]
    assert [option["action"] for option in relationship["options"]] == ["CONNECT", "FOLLOW"]
    assert [call.kind for call in recording.calls] == ["read"]
    assert FACTS in recording.calls[0].query
    recording.calls.clear()  # without the explanation, its facts are not read
    await api.data(PROFILE, {"handle": "peer-1"}, me.token)
    assert [FACTS in call.query for call in recording.calls] == [False]


async def test_r29_a_page_that_asks_for_explanations_costs_no_query_more_at_any_size(
    api: Api, recording: RecordingDatabase
) -> None:
    me = await api.sign_up("myself")
    await peers(api, me, 6)
    explained = SEARCH.replace("relationship {", "relationship { capabilities")
    counts = []
    for first in (2, 6):
        recording.calls.clear()
        data = await api.data(explained, {"first": first}, me.token)
        assert len(data["searchMembers"]["edges"]) == first
        counts.append(len(recording.calls))
    recording.calls.clear()  # the same page without the explanation
    await api.data(SEARCH, {"first": 6}, me.token)
    plain = len(recording.calls)
    assert counts == [plain, plain]
