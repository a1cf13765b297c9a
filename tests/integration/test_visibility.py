"""R10, R11, R13-R15, R18, R23, R25: degree, what connecting unlocks, follows, blocks, paths."""

from __future__ import annotations

from typing import Any

from resolvers.request import ids
from tests.support.app import (
    Clock,
    api_on_both_discovery_paths,  # noqa: F401 (each test on both paths)
)
from tests.support.client import Account, Api
from tests.support.network import (
    BLOCK,
    FOLLOW,
    UNBLOCK,
    UNFOLLOW,
    chain,
    codes,
    connect,
    invite,
    mutate,
    settings,
)

VIEW = """
query ($handle: String!) {
  member(handle: $handle) {
    handle degree followerCount
    relationship { isFollowing isFollowedBy canViewConnections mutualConnectionCount }
    connections { totalCount edges { node { handle } since } }
    mutualConnections { totalCount edges { node { handle } } }
    pathFromViewer { handle }
  }
}
"""
MY_LISTS = """
{ viewer {
  followers { totalCount edges { node { handle } } }
  following { totalCount edges { node { ... on Member { handle } ... on Company { handle } } } }
} }
"""


async def view(api: Api, viewer: Account | None, handle: str) -> dict[str, Any] | None:
    data = await api.data(VIEW, {"handle": handle}, viewer.token if viewer else None)
    member: dict[str, Any] | None = data["member"]
    return member


async def seen(api: Api, viewer: Account | None, handle: str) -> dict[str, Any]:
    member = await view(api, viewer, handle)
    assert member is not None, f"{handle} is hidden from the viewer"
    return member


def handles(connection: dict[str, Any] | None) -> list[str] | None:
    if connection is None:
        return None
    return [edge["node"]["handle"] for edge in connection["edges"]]


async def test_r10_degree_is_the_shortest_path_of_connections(api: Api) -> None:
    a, b, c, d, e = [await api.sign_up(h) for h in ("a-1", "b-2", "c-3", "d-4", "e-5")]
    await chain(api, [a, b, c, d, e])
    degrees = [(await seen(api, a, m.handle))["degree"] for m in (a, b, c, d, e)]
    assert degrees == ["SELF", "FIRST", "SECOND", "THIRD", "OUT_OF_NETWORK"]
    await connect(api, a, d)  # a shorter way to d and e
    assert (await seen(api, a, "e-5"))["degree"] == "SECOND"
    assert (await seen(api, None, "e-5"))["degree"] is None


async def test_r10_follows_never_count(api: Api) -> None:
    a, b, c = [await api.sign_up(h) for h in ("a-1", "b-2", "c-3")]
    await mutate(api, FOLLOW, a, id=b.id)
    await mutate(api, FOLLOW, b, id=c.id)
    assert (await seen(api, a, "b-2"))["degree"] == "OUT_OF_NETWORK"
    assert (await seen(api, a, "c-3"))["degree"] == "OUT_OF_NETWORK"


async def test_r10_paths_through_blocked_members_do_not_count(api: Api) -> None:
    a, b, c, x, y = [await api.sign_up(h) for h in ("a-1", "b-2", "c-3", "x-9", "y-8")]
    await chain(api, [a, b, c])
    await chain(api, [a, x, y, c])
    assert (await seen(api, a, "c-3"))["degree"] == "SECOND"
    assert codes(await mutate(api, BLOCK, b, id=a.id)) == []  # b blocks a
    assert (await seen(api, a, "c-3"))["degree"] == "THIRD"
    assert [m["handle"] for m in (await seen(api, a, "c-3"))["pathFromViewer"] if m] == [
        "a-1",
        "x-9",
        "c-3",
    ]
    await mutate(api, BLOCK, a, id=x.id)  # a blocks x
    assert (await seen(api, a, "c-3"))["degree"] == "OUT_OF_NETWORK"


async def test_r11_follower_cannot_see_connections(api: Api) -> None:
    star, friend, fan = [await api.sign_up(h) for h in ("star", "friend", "fan")]
    await connect(api, star, friend)
    await mutate(api, FOLLOW, fan, id=star.id)
    as_fan = await seen(api, fan, "star")
    assert as_fan["connections"] is None
    assert as_fan["relationship"]["canViewConnections"] is False
    as_friend = await seen(api, friend, "star")
    assert handles(as_friend["connections"]) == ["friend"]
    assert as_friend["connections"]["totalCount"] == 1
    assert as_friend["connections"]["edges"][0]["since"] is not None
    assert (await seen(api, None, "star"))["connections"] is None


async def test_r11_only_me_hides_connections_from_connections(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    await chain(api, [bob, ada, cyd])
    await settings(api, ada, connectionsVisibility="ONLY_ME")
    as_bob = await seen(api, bob, "ada")
    assert as_bob["connections"] is None
    assert as_bob["relationship"]["canViewConnections"] is False
    assert handles((await seen(api, ada, "ada"))["connections"]) == ["cyd", "bob"]


async def test_r11_mutual_connections_are_always_visible(api: Api) -> None:
    ada, bob, cyd, dan = [await api.sign_up(h) for h in ("ada", "bob", "cyd", "dan")]
    await chain(api, [ada, bob, cyd])
    await chain(api, [ada, dan, cyd])
    await settings(api, cyd, connectionsVisibility="ONLY_ME")
    as_ada = await seen(api, ada, "cyd")
    assert as_ada["connections"] is None
    assert handles(as_ada["mutualConnections"]) == ["bob", "dan"]
    assert as_ada["relationship"]["mutualConnectionCount"] == 2
    assert (await seen(api, None, "cyd"))["mutualConnections"]["totalCount"] == 0


async def test_r11_connections_page_by_keyset(api: Api, clock: Clock) -> None:
    hub = await api.sign_up("hub")
    spokes = [await api.sign_up(f"spoke-{i}") for i in range(5)]
    for spoke in spokes:
        clock.advance(seconds=1)
        await connect(api, hub, spoke)
    query = """
    query ($after: String) { member(handle: "hub") {
      connections(first: 2, after: $after) {
        totalCount edges { node { handle } } pageInfo { hasNextPage endCursor } } } }
    """
    seen_handles: list[str] = []
    totals: list[int] = []
    after = None
    for _ in range(3):
        page = (await api.data(query, {"after": after}, hub.token))["member"]["connections"]
        totals.append(page["totalCount"])
        seen_handles += handles(page) or []
        after = page["pageInfo"]["endCursor"]
        # A connection made while paging does not shift the pages (newest first, keyset).
        if len(seen_handles) == 2:
            clock.advance(seconds=1)
            await connect(api, hub, await api.sign_up("late"))
    assert seen_handles == [s.handle for s in reversed(spokes)]
    assert page["pageInfo"]["hasNextPage"] is False
    assert totals == [5, 6, 6]


async def test_r13_follow_is_immediate(api: Api) -> None:
    star, fan = await api.sign_up("star"), await api.sign_up("fan")
    assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []
    as_fan = await seen(api, fan, "star")
    assert as_fan["relationship"]["isFollowing"] is True
    assert as_fan["followerCount"] == 1
    assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []  # twice changes nothing
    assert (await seen(api, fan, "star"))["followerCount"] == 1
    assert codes(await mutate(api, FOLLOW, fan, id=fan.id)) == ["SELF_ACTION"]
    assert codes(await mutate(api, UNFOLLOW, fan, id=star.id)) == []
    assert codes(await mutate(api, UNFOLLOW, fan, id=star.id)) == []  # nothing to unfollow
    assert (await seen(api, fan, "star"))["followerCount"] == 0


async def test_r13_connections_only_hides_other_followers_until_switched_back(api: Api) -> None:
    star, friend, fan = [await api.sign_up(h) for h in ("star", "friend", "fan")]
    await connect(api, star, friend)
    await mutate(api, FOLLOW, fan, id=star.id)
    await settings(api, star, whoCanFollow="CONNECTIONS")
    assert codes(await mutate(api, FOLLOW, await api.sign_up("new-fan"), id=star.id)) == [
        "FOLLOW_NOT_ALLOWED"
    ]
    as_fan = await seen(api, fan, "star")
    assert (as_fan["followerCount"], as_fan["relationship"]["isFollowing"]) == (1, False)
    star_lists = (await api.data(MY_LISTS, token=star.token))["viewer"]
    assert handles(star_lists["followers"]) == ["friend"]
    assert star_lists["followers"]["totalCount"] == 1
    fan_lists = (await api.data(MY_LISTS, token=fan.token))["viewer"]
    assert fan_lists["following"]["totalCount"] == 0
    await settings(api, star, whoCanFollow="EVERYONE")
    as_fan = await seen(api, fan, "star")
    assert (as_fan["followerCount"], as_fan["relationship"]["isFollowing"]) == (2, True)


async def test_r13_unfollowing_keeps_the_connection(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await connect(api, ada, bob)
    await mutate(api, UNFOLLOW, ada, id=bob.id)
    as_ada = await seen(api, ada, "bob")
    assert (as_ada["degree"], as_ada["relationship"]["isFollowing"]) == ("FIRST", False)
    assert as_ada["relationship"]["isFollowedBy"] is True


async def test_r14_follower_lists_are_the_members_own(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    await mutate(api, FOLLOW, bob, id=ada.id)
    await mutate(api, FOLLOW, cyd, id=ada.id)
    await mutate(api, FOLLOW, ada, id=cyd.id)
    mine = (await api.data(MY_LISTS, token=ada.token))["viewer"]
    assert handles(mine["followers"]) == ["cyd", "bob"]
    assert handles(mine["following"]) == ["cyd"]
    # Other viewers see the counts only: the schema has no followers list on Member.
    assert (await seen(api, bob, "ada"))["followerCount"] == 2


async def test_r15_following_is_one_way(api: Api) -> None:
    star, fan = await api.sign_up("star"), await api.sign_up("fan")
    await mutate(api, FOLLOW, fan, id=star.id)
    as_star = await seen(api, star, "fan")
    assert as_star["relationship"]["isFollowing"] is False
    assert as_star["relationship"]["isFollowedBy"] is True
    star_following = (await api.data(MY_LISTS, token=star.token))["viewer"]["following"]
    assert star_following["totalCount"] == 0


async def test_r18_block_removes_everything_between_them_and_hides_each(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    await connect(api, ada, bob)
    await connect(api, bob, cyd)
    await connect(api, ada, cyd)
    blocked = await mutate(api, BLOCK, ada, id=bob.id)
    assert blocked == {"blocked": {"handle": "bob"}, "errors": []}
    assert await view(api, ada, "bob") is None
    assert await view(api, bob, "ada") is None
    assert handles((await seen(api, cyd, "cyd"))["connections"]) is not None
    assert "bob" not in (handles((await seen(api, ada, "cyd"))["connections"]) or [])
    assert (await seen(api, ada, "cyd"))["mutualConnections"]["totalCount"] == 0
    for actor, target in ((ada, bob), (bob, ada)):
        assert codes(await invite(api, actor, target)) == ["NOT_FOUND"]
        assert codes(await mutate(api, FOLLOW, actor, id=target.id)) == ["NOT_FOUND"]
        assert codes(await mutate(api, BLOCK, actor, id=target.id)) == ["NOT_FOUND"]
    assert codes(await mutate(api, UNBLOCK, bob, id=ada.id)) == ["NOT_FOUND"]
    node = await api.data("query ($id: ID!) { node(id: $id) { id } }", {"id": bob.id}, ada.token)
    assert node == {"node": None}
    card = await seen(api, None, "ada")
    assert card["followerCount"] == 1  # only cyd's follow is left


async def test_r18_unblock_restores_nothing(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await connect(api, ada, bob)
    await mutate(api, BLOCK, bob, id=ada.id)
    unblocked = await mutate(api, UNBLOCK, bob, id=ada.id)
    assert unblocked == {"blocked": {"handle": "ada"}, "errors": []}
    as_bob = await seen(api, bob, "ada")
    assert as_bob["degree"] == "OUT_OF_NETWORK"
    assert as_bob["relationship"]["isFollowing"] is False
    blocked_list = await api.data(
        "{ viewer { blocked { edges { node { handle } } } } }", token=bob.token
    )
    assert blocked_list["viewer"]["blocked"]["edges"] == []


async def test_r23_path_names_the_viewers_connection_and_withholds_the_next(api: Api) -> None:
    a, b, c, d = [await api.sign_up(h) for h in ("a-1", "b-2", "c-3", "d-4")]
    await chain(api, [a, b, c, d])

    async def path(target: str) -> list[str | None] | None:
        hops = (await seen(api, a, target))["pathFromViewer"]
        return None if hops is None else [hop["handle"] if hop else None for hop in hops]

    assert await path("c-3") == ["a-1", "b-2", "c-3"]
    assert await path("d-4") == ["a-1", "b-2", None, "d-4"]
    assert await path("b-2") is None
    assert await path("a-1") is None
    x = await api.sign_up("x-0")
    await chain(api, [a, x, c])  # a second shortest way to c: the choice stays the same
    assert await path("c-3") == await path("c-3")
    assert (await path("c-3") or [])[1] in ("b-2", "x-0")


async def test_r25_a_hidden_member_is_indistinguishable_from_a_missing_one(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await mutate(api, BLOCK, bob, id=ada.id)
    hidden = await invite(api, ada, bob)
    missing = await invite(api, ada, ids.encode("Member", "no-such-member"))
    assert hidden == missing
    assert await view(api, ada, "bob") == await view(api, ada, "nobody")


async def test_r11_mutual_count_matches_the_mutual_list(api: Api) -> None:
    ada, bob, cyd, dan = [await api.sign_up(h) for h in ("ada", "bob", "cyd", "dan")]
    await chain(api, [ada, bob, dan])
    await chain(api, [ada, cyd, dan])
    await connect(api, ada, dan)
    for viewer, handle, expected in ((ada, "dan", 2), (ada, "ada", 0), (bob, "cyd", 2)):
        member = await seen(api, viewer, handle)
        assert member["relationship"]["mutualConnectionCount"] == expected, (viewer, handle)
        assert member["mutualConnections"]["totalCount"] == expected
