"""The visibility matrix: every viewer relation against every observable of one member's profile
and content.

Rows are how the viewer stands with the member X; columns are what a client can observe on X's
profile. Every cell is asserted against the real database. The network:

    S - F - X        X's only connection is F (first degree); S is second, T third (via S)
    T - S            O has no connection; W follows X; P invited X; X invited R
                     X blocked B1; B2 blocked X

X posted one post to ANYONE and one to CONNECTIONS, messaged F, and runs a company that W
follows. The content columns hold for every row, hidden profiles included.
"""

from __future__ import annotations

from typing import Any

from tests.support.client import Account, Api
from tests.support.content import company, message, post_id
from tests.support.network import BLOCK, FOLLOW, chain, invite, mutate

PROFILE = """
query ($handle: String!) {
  member(handle: $handle) {
    degree
    actions { primary secondary }
    relationship { canMessage canViewConnections isFollowing isFollowedBy mutualConnectionCount }
    connections { totalCount edges { node { handle } } }
    mutualConnections { totalCount edges { node { handle } } }
    pathFromViewer { handle }
    followerCount followingCount connectionCount
  }
}
"""
COLUMNS = (
    "degree", "actions", "canMessage", "canViewConnections", "isFollowing", "isFollowedBy",
    "connections", "mutualConnections", "pathFromViewer", "counts",
)  # fmt: skip
HIDDEN = "hidden"  # the whole profile is null (R18)
COUNTS = (2, 1, 1)  # followers (F, W), following (F), connections (F)


def a(primary: str | None, *secondary: str) -> tuple[str | None, tuple[str, ...]]:
    return (primary, secondary)


# viewer: degree, actions, canMessage, canViewConnections, isFollowing, isFollowedBy,
#         connections (handles, or None when hidden), mutualConnections, path, counts
MATRIX: dict[str, tuple[Any, ...] | str] = {
    "self": ("SELF", a("EDIT_PROFILE"), False, True, False, False, ["f-first"], [], None, COUNTS),
    "first": ("FIRST", a("MESSAGE", "UNFOLLOW", "REMOVE_CONNECTION", "BLOCK"), True, True, True,
              True, ["f-first"], [], None, COUNTS),
    "second": ("SECOND", a("CONNECT", "FOLLOW", "BLOCK"), False, False, False, False, None,
               ["f-first"], ["s-second", "f-first", "x-member"], COUNTS),
    "third": ("THIRD", a("CONNECT", "FOLLOW", "BLOCK"), False, False, False, False, None, [],
              ["t-third", "s-second", None, "x-member"], COUNTS),
    "out of network": ("OUT_OF_NETWORK", a("CONNECT", "FOLLOW", "BLOCK"), False, False, False,
                       False, None, [], None, COUNTS),
    "follower only": ("OUT_OF_NETWORK", a("CONNECT", "UNFOLLOW", "BLOCK"), False, False, True,
                      False, None, [], None, COUNTS),
    "invitation sent": ("OUT_OF_NETWORK", a("PENDING", "WITHDRAW", "FOLLOW", "BLOCK"), False,
                        False, False, False, None, [], None, COUNTS),
    "invitation received": ("OUT_OF_NETWORK", a("ACCEPT", "IGNORE", "FOLLOW", "BLOCK"), False,
                            False, False, False, None, [], None, COUNTS),
    "blocked by": HIDDEN,
    "blocking": HIDDEN,
    "anonymous": (None, a(None), None, None, None, None, None, [], None, COUNTS),
}  # fmt: skip


def observe(member: dict[str, Any] | None) -> tuple[Any, ...] | str:
    if member is None:
        return HIDDEN
    relationship = member["relationship"] or {}

    def listed(connection: dict[str, Any] | None) -> list[str] | None:
        return None if connection is None else [e["node"]["handle"] for e in connection["edges"]]

    path = member["pathFromViewer"]
    return (
        member["degree"],
        (member["actions"]["primary"], tuple(member["actions"]["secondary"])),
        relationship.get("canMessage"),
        relationship.get("canViewConnections"),
        relationship.get("isFollowing"),
        relationship.get("isFollowedBy"),
        listed(member["connections"]),
        listed(member["mutualConnections"]),
        None if path is None else [hop["handle"] if hop else None for hop in path],
        (member["followerCount"], member["followingCount"], member["connectionCount"]),
    )


CONTENT = """
query ($private: ID!, $conversation: ID!) {
  member(handle: "x-member") { posts { edges { node { text } } } }
  viewer { feed { edges { node { text } } } }
  private: node(id: $private) { id }
  conversation: node(id: $conversation) { id }
  company(handle: "x-company") { followers { totalCount } }
}
"""
CONTENT_COLUMNS = ("posts", "feed", "privatePostNode", "conversationNode", "companyFollowers")
BOTH = ["x private", "x public"]
PUBLIC = ["x public"]
# viewer: X's posts on the profile, X's posts in the viewer's feed, node(X's CONNECTIONS post),
#         node(X's conversation with F), the followers of X's company (admins only)
CONTENT_MATRIX: dict[str, tuple[Any, ...]] = {
    "self": (BOTH, BOTH, True, True, 1),
    "first": (BOTH, BOTH, True, True, None),
    "second": (PUBLIC, [], False, False, None),
    "third": (PUBLIC, [], False, False, None),
    "out of network": (PUBLIC, [], False, False, None),
    "follower only": (PUBLIC, PUBLIC, False, False, None),
    "invitation sent": (PUBLIC, [], False, False, None),
    "invitation received": (PUBLIC, [], False, False, None),
    "blocked by": (HIDDEN, [], False, False, None),
    "blocking": (HIDDEN, [], False, False, None),
    "anonymous": ([], None, False, False, None),
}


def observe_content(data: dict[str, Any]) -> tuple[Any, ...]:
    member, viewer, followers = data["member"], data["viewer"], data["company"]["followers"]
    return (
        HIDDEN if member is None else [e["node"]["text"] for e in member["posts"]["edges"]],
        None if viewer is None else [e["node"]["text"] for e in viewer["feed"]["edges"]],
        data["private"] is not None,
        data["conversation"] is not None,
        None if followers is None else followers["totalCount"],
    )


async def build(api: Api) -> dict[str, Account | None]:
    handles = {
        "self": "x-member", "first": "f-first", "second": "s-second", "third": "t-third",
        "out of network": "o-out", "follower only": "w-follower", "invitation sent": "p-sent",
        "invitation received": "r-received", "blocked by": "b-blocked", "blocking": "b-blocking",
    }  # fmt: skip
    viewers: dict[str, Account | None] = {
        relation: await api.sign_up(handle) for relation, handle in handles.items()
    }
    viewers["anonymous"] = None
    x, f, s, t = (viewers[r] for r in ("self", "first", "second", "third"))
    assert x
    assert f
    assert s
    assert t
    await chain(api, [t, s, f, x])
    follower, sent, received = (
        viewers["follower only"],
        viewers["invitation sent"],
        viewers["invitation received"],
    )
    blocked_by, blocking = viewers["blocked by"], viewers["blocking"]
    assert follower
    assert sent
    assert received
    assert blocked_by
    assert blocking
    await mutate(api, FOLLOW, follower, id=x.id)
    await invite(api, sent, x)
    await invite(api, x, received)
    await mutate(api, BLOCK, x, id=blocked_by.id)
    await mutate(api, BLOCK, blocking, id=x.id)
    return viewers


async def build_content(api: Api, viewers: dict[str, Account | None]) -> dict[str, str]:
    x, f, w = viewers["self"], viewers["first"], viewers["follower only"]
    assert x
    assert f
    assert w
    await post_id(api, x, "x public")
    private = await post_id(api, x, "x private", audience="CONNECTIONS")
    conversation = (await message(api, x, f, "hello"))["conversation"]["id"]
    await mutate(api, FOLLOW, w, id=await company(api, x, "x-company"))
    return {"private": private, "conversation": conversation}


async def test_visibility_matrix(api: Api) -> None:
    viewers = await build(api)
    content_ids = await build_content(api, viewers)
    mismatches = []
    for relation, expected in MATRIX.items():
        viewer = viewers[relation]
        data = await api.data(PROFILE, {"handle": "x-member"}, viewer.token if viewer else None)
        observed = observe(data["member"])
        content = await api.data(CONTENT, content_ids, viewer.token if viewer else None)
        for column, want, got in zip(
            CONTENT_COLUMNS, CONTENT_MATRIX[relation], observe_content(content), strict=True
        ):
            if want != got:
                mismatches.append((relation, column, want, got))
        if observed == HIDDEN or expected == HIDDEN:
            if observed != expected:
                mismatches.append((relation, "profile", expected, observed))
            continue
        for column, want, got in zip(COLUMNS, expected, observed, strict=True):
            if want != got:
                mismatches.append((relation, column, want, got))
    assert mismatches == []
    assert len(MATRIX) * (len(COLUMNS) + len(CONTENT_COLUMNS)) == 165
