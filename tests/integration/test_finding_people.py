"""R21 people you may know, R22 search."""

from __future__ import annotations

from typing import Any

from cypher.database import Database
from tests.support.app import (
    Clock,
    api_on_both_discovery_paths,  # noqa: F401 (each test on both paths)
)
from tests.support.client import Account, Api, error_codes
from tests.support.network import BLOCK, DISMISS, chain, codes, connect, invite, mutate

SUGGESTIONS = """
query ($first: Int) { viewer { peopleYouMayKnow(first: $first) {
  member { handle degree actions { primary } } mutualConnectionCount mutualSample { handle }
} } }
"""
SEARCH = """
query ($q: String!, $first: Int, $after: String) {
  searchMembers(query: $q, first: $first, after: $after) {
    totalCount
    edges { node { handle degree actions { primary secondary } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def suggestions(api: Api, viewer: Account, first: int = 10) -> list[dict[str, Any]]:
    data = await api.data(SUGGESTIONS, {"first": first}, viewer.token)
    result: list[dict[str, Any]] = data["viewer"]["peopleYouMayKnow"]
    return result


async def test_r21_second_degree_members_ranked_by_mutual_connections(
    api: Api, clock: Clock
) -> None:
    me = await api.sign_up("myself")
    friends = [await api.sign_up(f"friend-{i}") for i in range(4)]
    for friend in friends:
        await connect(api, me, friend)
    clock.advance(days=1)
    older = await api.sign_up("older")
    clock.advance(days=1)
    newer = await api.sign_up("newer")
    popular = await api.sign_up("popular")
    for friend in friends:
        await connect(api, friend, popular)
    await connect(api, friends[0], older)
    await connect(api, friends[1], newer)
    result = await suggestions(api, me)
    assert [(s["member"]["handle"], s["mutualConnectionCount"]) for s in result] == [
        ("popular", 4),
        ("newer", 1),
        ("older", 1),
    ]
    assert [m["handle"] for m in result[0]["mutualSample"]] == ["friend-0", "friend-1", "friend-2"]
    assert result[0]["member"]["degree"] == "SECOND"
    assert [s["member"]["handle"] for s in await suggestions(api, me, first=1)] == ["popular"]


async def test_r21_excludes_pending_blocked_and_dismissed(api: Api) -> None:
    me, friend = await api.sign_up("myself"), await api.sign_up("friend")
    invited, inviting, blocked, dismissed, kept = [
        await api.sign_up(h) for h in ("invited", "inviting", "blocked", "dismissed", "kept")
    ]
    await connect(api, me, friend)
    for other in (invited, inviting, blocked, dismissed, kept):
        await connect(api, friend, other)
    await invite(api, me, invited)
    await invite(api, inviting, me)
    await mutate(api, BLOCK, blocked, id=me.id)
    assert codes(await mutate(api, DISMISS, me, id=dismissed.id)) == []
    assert [s["member"]["handle"] for s in await suggestions(api, me)] == ["kept"]


async def test_r22_search_by_name_or_headline_with_degree_and_actions(api: Api) -> None:
    me = await api.sign_up("myself", name="Me Myself")
    ada = await api.sign_up("ada", name="Ada Graph", headline="Graph databases")
    bob = await api.sign_up("bob", name="Bob Stone", headline="Builds graph engines")
    await api.sign_up("cyd", name="Cyd Other", headline="Gardening")
    await chain(api, [me, ada])
    data = await api.data(SEARCH, {"q": "GRAPH"}, me.token)
    result = data["searchMembers"]
    assert result["totalCount"] == 2
    by_handle = {e["node"]["handle"]: e["node"] for e in result["edges"]}
    assert by_handle["ada"]["degree"] == "FIRST"
    assert by_handle["ada"]["actions"]["primary"] == "MESSAGE"
    assert by_handle["bob"]["degree"] == "OUT_OF_NETWORK"
    assert by_handle["bob"]["actions"] == {"primary": "CONNECT", "secondary": ["FOLLOW", "BLOCK"]}
    both_words = await api.data(SEARCH, {"q": "graph datab"}, me.token)
    assert [e["node"]["handle"] for e in both_words["searchMembers"]["edges"]] == ["ada"]
    del bob


async def test_r22_search_pages_and_hides_blocked_members(api: Api) -> None:
    me = await api.sign_up("searcher", name="Searcher")
    engineers = [await api.sign_up(f"eng-{i}", name=f"Engineer {i}") for i in range(5)]
    await mutate(api, BLOCK, engineers[0], id=me.id)
    found: list[str] = []
    after = None
    while True:
        page = (await api.data(SEARCH, {"q": "engineer", "first": 2, "after": after}, me.token))[
            "searchMembers"
        ]
        assert page["totalCount"] == 4
        found += [edge["node"]["handle"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(found) == ["eng-1", "eng-2", "eng-3", "eng-4"]


async def test_r22_search_needs_a_signed_in_member_and_sane_input(api: Api) -> None:
    me = await api.sign_up("myself")
    assert error_codes(await api.run(SEARCH, {"q": "me"})) == ["UNAUTHENTICATED"]
    for hostile in ('"; MATCH (n) DETACH DELETE n //', "name:* OR *", "\\", "ü*?~^"):
        body = await api.run(SEARCH, {"q": hostile}, me.token)
        assert "errors" not in body, hostile
    assert error_codes(await api.run(SEARCH, {"q": "x" * 201}, me.token)) == ["BAD_USER_INPUT"]
    assert error_codes(await api.run(SEARCH, {"q": "me", "first": 101}, me.token)) == [
        "BAD_USER_INPUT"
    ]
    assert error_codes(await api.run(SEARCH, {"q": "me", "after": "garbage!"}, me.token)) == [
        "BAD_USER_INPUT"
    ]
    assert (await api.data(SEARCH, {"q": "   "}, me.token))["searchMembers"]["totalCount"] == 0


SEARCH_REACH = """
query ($q: String!, $after: String) {
  searchMembers(query: $q, first: 100, after: $after) {
    totalCount totalCountIsExact
    edges { node { handle } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def test_r22_search_reaches_the_best_1000_matches_and_says_the_count_is_capped(
    api: Api, db: Database
) -> None:
    """Contract part 4. 1,003 members match (seeded through Bolt, as sign-ups would make them);
    the searcher blocked one of them, who is never counted."""
    me = await api.sign_up("searcher")
    blocked = await api.sign_up("reacher-blocked", name="Reacher Blocked")
    await mutate(api, BLOCK, blocked, id=me.id)
    await db.write(
        """UNWIND range(1, 1002) AS i
        CREATE (:Member {id: 'reacher-' + i, handle: 'reacher-' + i, name: 'Reacher ' + i,
          email: 'reacher' + i + '@example.org', emailKey: 'reacher' + i + '@example.org',
          passwordHash: 'x', tokenVersion: 0, joinedAt: datetime(), primaryButton: 'CONNECT',
          connectionsVisibility: 'CONNECTIONS', invitationPolicy: 'EVERYONE',
          whoCanFollow: 'EVERYONE', openProfile: false, acceptsInMail: true, inMailCredits: 0})"""
    )
    found: list[str] = []
    after = None
    while True:
        variables = {"q": "reacher", "after": after}
        page = (await api.data(SEARCH_REACH, variables, me.token))["searchMembers"]
        assert (page["totalCount"], page["totalCountIsExact"]) == (1000, False)
        found += [edge["node"]["handle"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(found) == len(set(found)) == 1000
    assert "reacher-blocked" not in found
    few = (await api.data(SEARCH_REACH, {"q": "reacher 17"}, me.token))["searchMembers"]
    assert (few["totalCount"], few["totalCountIsExact"]) == (11, True)  # 17 and 170..179
