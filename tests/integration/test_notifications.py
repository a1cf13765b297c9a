"""R26 notifications, one test per clause: what notifies, what stays silent, when a notification
is no longer visible (list and unreadCount alike), blocks, marking read, retention."""

from __future__ import annotations

from typing import Any

from cypher.database import Database
from tests.support.app import Clock
from tests.support.client import Account, Api
from tests.support.content import DELETE_POST, SHARE_POST, company, inmail, message, post_id
from tests.support.network import (
    ACCEPT,
    BLOCK,
    FOLLOW,
    IGNORE,
    REMOVE,
    UNBLOCK,
    UNFOLLOW,
    WITHDRAW,
    codes,
    connect,
    invitation_between,
    invite,
    mutate,
    settings,
)

NOTIFICATIONS = """
query ($first: Int, $after: String, $unreadOnly: Boolean) { viewer { notifications(
    first: $first, after: $after, unreadOnly: $unreadOnly) {
  unreadCount
  edges { cursor node {
    id kind read createdAt actor { handle }
    invitation { id } conversation { id } message { body } post { id text }
  } }
  pageInfo { hasNextPage endCursor }
} } }
"""
UNREAD_COUNT = "{ viewer { notifications(first: 0) { unreadCount } } }"
MARK_READ = """
mutation ($upTo: ID) { markNotificationsRead(input: {upTo: $upTo}) {
  unreadCount errors { code field }
} }
"""
NODE = "query ($id: ID!) { node(id: $id) { id ... on Notification { kind } } }"


async def notifications(api: Api, viewer: Account, **variables: Any) -> dict[str, Any]:
    data = await api.data(NOTIFICATIONS, {"first": 50, **variables}, viewer.token)
    found: dict[str, Any] = data["viewer"]["notifications"]
    return found


async def kinds(api: Api, viewer: Account) -> list[tuple[str, str]]:
    """(kind, actor handle) of the viewer's notifications, newest first."""
    edges = (await notifications(api, viewer))["edges"]
    return [(edge["node"]["kind"], edge["node"]["actor"]["handle"]) for edge in edges]


async def unread(api: Api, viewer: Account) -> int:
    data = await api.data(UNREAD_COUNT, token=viewer.token)
    return int(data["viewer"]["notifications"]["unreadCount"])


async def test_r26_each_kind_notifies_its_member_with_what_it_points_to(api: Api) -> None:
    ada, bob, cem = await api.sign_up("ada"), await api.sign_up("bob"), await api.sign_up("cem")
    assert codes(await invite(api, ada, bob)) == []
    invitation = await invitation_between(api, bob, ada, "invitationReceived")
    [received] = (await notifications(api, bob))["edges"]
    assert received["node"]["kind"] == "INVITATION_RECEIVED"
    assert received["node"]["invitation"] == {"id": invitation}
    assert received["node"]["read"] is False

    assert codes(await mutate(api, ACCEPT, bob, id=invitation)) == []
    assert await kinds(api, ada) == [("INVITATION_ACCEPTED", "bob")]
    assert codes(await mutate(api, FOLLOW, cem, id=ada.id)) == []
    assert codes(await message(api, bob, ada, "Hello Ada")) == []
    original = await post_id(api, ada, "Worth sharing")
    shared = await mutate(api, SHARE_POST, cem, input={"postId": original, "text": "Look"})
    assert shared["errors"] == []
    found = await notifications(api, ada)
    assert [(e["node"]["kind"], e["node"]["actor"]["handle"]) for e in found["edges"]] == [
        ("POST_SHARED", "cem"),
        ("MESSAGE_RECEIVED", "bob"),
        ("NEW_FOLLOWER", "cem"),
        ("INVITATION_ACCEPTED", "bob"),
    ]
    share, sent = found["edges"][0]["node"], found["edges"][1]["node"]
    assert share["post"] == {"id": shared["post"]["id"], "text": "Look"}
    assert sent["message"] == {"body": "Hello Ada"}
    assert sent["conversation"]["id"]
    assert found["unreadCount"] == 4
    # Accepted, bob's invitation notification has done its job; the acceptance's automatic
    # follows (R7) made no NEW_FOLLOWER for either (ada's list above has none from bob).
    assert await kinds(api, bob) == []


async def test_r26_inviting_back_notifies_the_first_inviter_of_the_acceptance(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    assert codes(await invite(api, ada, bob)) == []
    assert codes(await invite(api, bob, ada)) == []  # connects (R4)
    assert await kinds(api, ada) == [("INVITATION_ACCEPTED", "bob")]
    assert await kinds(api, bob) == []  # its invitation is no longer pending


async def test_r26_an_inmail_notifies_as_a_message(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await settings(api, bob, openProfile=True)
    assert codes(await inmail(api, ada, bob)) == []
    assert await kinds(api, bob) == [("MESSAGE_RECEIVED", "ada")]


async def test_r26_what_the_rules_keep_silent_never_notifies(api: Api) -> None:
    ada, bob, cem = await api.sign_up("ada"), await api.sign_up("bob"), await api.sign_up("cem")
    await connect(api, ada, bob)
    assert await kinds(api, bob) == []  # the accepted invitation's notification has done its job
    # A removed connection, an unfollow, a block, a withdrawal and an ignore are silent.
    assert codes(await mutate(api, REMOVE, ada, id=bob.id)) == []
    assert codes(await mutate(api, UNFOLLOW, cem, id=ada.id)) == []
    assert codes(await invite(api, cem, ada)) == []
    withdrawn = await invitation_between(api, cem, ada, "invitationSent")
    assert codes(await mutate(api, WITHDRAW, cem, id=withdrawn)) == []
    assert codes(await invite(api, bob, cem)) == []
    ignored = await invitation_between(api, cem, bob, "invitationReceived")
    assert codes(await mutate(api, IGNORE, cem, id=ignored)) == []
    assert (await mutate(api, BLOCK, cem, id=bob.id))["errors"] == []
    assert await kinds(api, ada) == [("INVITATION_ACCEPTED", "bob")]
    assert await kinds(api, bob) == []
    assert await kinds(api, cem) == []
    # Following twice changes nothing, so it notifies once.
    for _ in range(2):
        assert codes(await mutate(api, FOLLOW, cem, id=ada.id)) == []
    assert await kinds(api, ada) == [("NEW_FOLLOWER", "cem"), ("INVITATION_ACCEPTED", "bob")]


async def test_r26_a_members_own_actions_and_companies_notify_no_one(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    own = await post_id(api, ada, "Mine")
    assert (await mutate(api, SHARE_POST, ada, input={"postId": own}))["errors"] == []
    acme = await company(api, ada, "acme")
    news = await post_id(api, ada, "Company news", companyId=acme)
    assert (await mutate(api, SHARE_POST, bob, input={"postId": news}))["errors"] == []
    assert codes(await mutate(api, FOLLOW, bob, id=acme)) == []
    assert await kinds(api, ada) == []


async def test_r26_an_invitation_notification_lasts_while_it_is_pending(api: Api) -> None:
    ada, bob, cem = await api.sign_up("ada"), await api.sign_up("bob"), await api.sign_up("cem")
    assert codes(await invite(api, ada, cem)) == []
    assert codes(await invite(api, bob, cem)) == []
    assert await kinds(api, cem) == [("INVITATION_RECEIVED", "bob"), ("INVITATION_RECEIVED", "ada")]
    assert await unread(api, cem) == 2
    withdrawn = await invitation_between(api, ada, cem, "invitationSent")
    assert codes(await mutate(api, WITHDRAW, ada, id=withdrawn)) == []
    ignored = await invitation_between(api, cem, bob, "invitationReceived")
    assert codes(await mutate(api, IGNORE, cem, id=ignored)) == []
    assert await kinds(api, cem) == []
    assert await unread(api, cem) == 0


async def test_r26_a_follow_notification_lasts_while_the_follow_is_there_and_visible(
    api: Api,
) -> None:
    star, fan = await api.sign_up("star"), await api.sign_up("fan")
    assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []
    assert await kinds(api, star) == [("NEW_FOLLOWER", "fan")]
    await settings(api, star, whoCanFollow="CONNECTIONS")  # hides the follow (R13)
    assert (await kinds(api, star), await unread(api, star)) == ([], 0)
    await settings(api, star, whoCanFollow="EVERYONE")  # shows it again
    assert (await kinds(api, star), await unread(api, star)) == ([("NEW_FOLLOWER", "fan")], 1)
    assert codes(await mutate(api, UNFOLLOW, fan, id=star.id)) == []
    assert (await kinds(api, star), await unread(api, star)) == ([], 0)
    assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []  # following again notifies
    assert (await kinds(api, star), await unread(api, star)) == ([("NEW_FOLLOWER", "fan")], 1)


async def test_r26_a_share_notification_lasts_while_the_share_is_visible(api: Api) -> None:
    ada, bob, cem = await api.sign_up("ada"), await api.sign_up("bob"), await api.sign_up("cem")
    await connect(api, ada, bob)
    original = await post_id(api, ada, "Original")
    to_connections = {"postId": original, "audience": "CONNECTIONS"}
    by_bob = await mutate(api, SHARE_POST, bob, input=to_connections)
    by_cem = await mutate(api, SHARE_POST, cem, input=to_connections)  # not ada's connection
    assert [by_bob["errors"], by_cem["errors"]] == [[], []]
    assert await kinds(api, ada) == [("POST_SHARED", "bob"), ("INVITATION_ACCEPTED", "bob")]
    await connect(api, ada, cem)  # the share never notified: it does not appear now
    assert ("POST_SHARED", "cem") not in await kinds(api, ada)
    assert codes(await mutate(api, REMOVE, ada, id=bob.id)) == []  # bob's share is hidden now
    assert ("POST_SHARED", "bob") not in await kinds(api, ada)
    public = await mutate(api, SHARE_POST, bob, input={"postId": original})
    assert ("POST_SHARED", "bob") in await kinds(api, ada)
    deleted = await mutate(api, DELETE_POST, bob, id=public["post"]["id"])
    assert deleted["errors"] == []
    assert ("POST_SHARED", "bob") not in await kinds(api, ada)


async def test_r26_acceptance_and_messages_stay_after_a_removed_connection(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await connect(api, ada, bob)
    assert codes(await message(api, bob, ada, "Hi")) == []
    assert codes(await mutate(api, REMOVE, bob, id=ada.id)) == []
    assert await kinds(api, ada) == [("MESSAGE_RECEIVED", "bob"), ("INVITATION_ACCEPTED", "bob")]


async def test_r26_a_block_deletes_the_notifications_between_the_two_for_good(api: Api) -> None:
    ada, bob, cem = await api.sign_up("ada"), await api.sign_up("bob"), await api.sign_up("cem")
    await connect(api, ada, bob)
    assert codes(await message(api, ada, bob, "Hi Bob")) == []
    assert codes(await mutate(api, FOLLOW, cem, id=ada.id)) == []
    assert (await mutate(api, BLOCK, bob, id=ada.id))["errors"] == []
    assert await kinds(api, ada) == [("NEW_FOLLOWER", "cem")]
    assert await kinds(api, bob) == []
    assert (await mutate(api, UNBLOCK, bob, id=ada.id))["errors"] == []
    assert await kinds(api, ada) == [("NEW_FOLLOWER", "cem")]  # unblocking brings none back
    assert await kinds(api, bob) == []


async def test_r26_newest_first_with_keyset_cursors_and_unread_only(api: Api) -> None:
    star = await api.sign_up("star")
    fans = [await api.sign_up(f"fan-{n}") for n in range(5)]
    for fan in fans:
        assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []
    first = await notifications(api, star, first=2)
    assert [e["node"]["actor"]["handle"] for e in first["edges"]] == ["fan-4", "fan-3"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await notifications(api, star, first=10, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["actor"]["handle"] for e in rest["edges"]] == ["fan-2", "fan-1", "fan-0"]
    assert rest["pageInfo"]["hasNextPage"] is False
    middle = first["edges"][1]["node"]["id"]  # fan-3's
    marked = (await api.data(MARK_READ, {"upTo": middle}, star.token))["markNotificationsRead"]
    assert marked == {"unreadCount": 1, "errors": []}  # fan-4's is newer, still unread
    unread_only = await notifications(api, star, unreadOnly=True)
    assert [e["node"]["actor"]["handle"] for e in unread_only["edges"]] == ["fan-4"]
    assert unread_only["unreadCount"] == 1
    reads = [e["node"]["read"] for e in (await notifications(api, star))["edges"]]
    assert reads == [False, True, True, True, True]


async def test_r26_mark_read_takes_only_the_viewers_visible_notifications(api: Api) -> None:
    ada, bob, cem = await api.sign_up("ada"), await api.sign_up("bob"), await api.sign_up("cem")
    assert codes(await mutate(api, FOLLOW, bob, id=ada.id)) == []
    assert codes(await invite(api, cem, ada)) == []
    adas = [e["node"]["id"] for e in (await notifications(api, ada))["edges"]]
    refused = (await api.data(MARK_READ, {"upTo": adas[0]}, bob.token))["markNotificationsRead"]
    assert refused == {
        "unreadCount": 0,
        "errors": [{"code": "NOT_FOUND", "field": ["input", "upTo"]}],
    }
    assert (await api.data(NODE, {"id": adas[0]}, bob.token))["node"] is None
    assert (await api.data(NODE, {"id": adas[0]}, ada.token))["node"][
        "kind"
    ] == "INVITATION_RECEIVED"
    withdrawn = await invitation_between(api, cem, ada, "invitationSent")
    assert codes(await mutate(api, WITHDRAW, cem, id=withdrawn)) == []  # now invisible
    refused = (await api.data(MARK_READ, {"upTo": adas[0]}, ada.token))["markNotificationsRead"]
    assert refused["errors"] == [{"code": "NOT_FOUND", "field": ["input", "upTo"]}]
    assert refused["unreadCount"] == 1
    everything = (await api.data(MARK_READ, {"upTo": None}, ada.token))["markNotificationsRead"]
    assert everything == {"unreadCount": 0, "errors": []}


async def test_r26_notifications_are_kept_for_90_days(api: Api, clock: Clock, db: Database) -> None:
    ada, bob, cem = await api.sign_up("ada"), await api.sign_up("bob"), await api.sign_up("cem")
    assert codes(await mutate(api, FOLLOW, bob, id=ada.id)) == []
    clock.advance(days=89)
    assert await kinds(api, ada) == [("NEW_FOLLOWER", "bob")]
    clock.advance(days=1, seconds=1)
    assert (await kinds(api, ada), await unread(api, ada)) == ([], 0)
    assert codes(await mutate(api, FOLLOW, cem, id=ada.id)) == []  # deletes the expired one
    assert await kinds(api, ada) == [("NEW_FOLLOWER", "cem")]
    stored = await db.read_one("MATCH (n:Notification) RETURN count(n) AS n")
    assert stored == {"n": 1}  # bob's is gone from the database too, with no job to run
