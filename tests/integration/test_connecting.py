"""R1-R9: buttons, counts, invitations, limits, accept, ignore, withdraw, remove."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from cypher.database import Database
from resolvers.request import ids
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import Api
from tests.support.network import (
    ACCEPT,
    FOLLOW,
    IGNORE,
    REMOVE,
    WITHDRAW,
    codes,
    connect,
    invitation_between,
    invite,
    mutate,
    settings,
)

PROFILE = """
query ($handle: String!) {
  member(handle: $handle) {
    degree followerCount followingCount connectionCount
    actions { primary secondary }
    relationship {
      isConnected connectedSince isFollowing isFollowedBy canMessage
      invitationSent { message from { handle } to { handle } }
      invitationReceived { message from { handle } to { handle } }
    }
  }
}
"""
INBOX = """
{ viewer {
  invitationsReceived { totalCount edges { node { from { handle } message } } }
  invitationsSent { totalCount edges { node { to { handle } } } }
  invitationQuota { limit remaining resetsAt }
} }
"""


async def profile(api: Api, viewer: object, handle: str) -> dict:  # type: ignore[type-arg]
    token = getattr(viewer, "token", None)
    data = await api.data(PROFILE, {"handle": handle}, token)
    member: dict = data["member"]  # type: ignore[type-arg]
    return member


def actions(primary: str | None, *secondary: str) -> dict[str, object]:
    return {"primary": primary, "secondary": list(secondary)}


async def test_r1_a_member_chooses_the_follow_button(api: Api) -> None:
    star, fan = await api.sign_up("star"), await api.sign_up("fan")
    assert (await profile(api, fan, "star"))["actions"] == actions("CONNECT", "FOLLOW", "BLOCK")
    await settings(api, star, primaryButton="FOLLOW")
    assert (await profile(api, fan, "star"))["actions"] == actions("FOLLOW", "CONNECT", "BLOCK")
    assert codes(await mutate(api, FOLLOW, fan, id=star.id)) == []
    assert (await profile(api, fan, "star"))["actions"] == actions("UNFOLLOW", "CONNECT", "BLOCK")
    await settings(api, star, primaryButton="CONNECT")
    assert (await profile(api, fan, "star"))["actions"] == actions("CONNECT", "UNFOLLOW", "BLOCK")


async def test_r2_buttons_follow_the_invitation_and_connection(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    assert (await profile(api, ada, "ada"))["actions"] == actions("EDIT_PROFILE")
    assert (await profile(api, None, "ada"))["actions"] == actions(None)
    await invite(api, ada, bob)
    assert (await profile(api, ada, "bob"))["actions"] == actions(
        "PENDING", "WITHDRAW", "FOLLOW", "BLOCK"
    )
    assert (await profile(api, bob, "ada"))["actions"] == actions(
        "ACCEPT", "IGNORE", "FOLLOW", "BLOCK"
    )
    invitation = await invitation_between(api, bob, ada, "invitationReceived")
    await mutate(api, IGNORE, bob, id=invitation)
    assert (await profile(api, bob, "ada"))["actions"] == actions("CONNECT", "FOLLOW", "BLOCK")
    assert (await profile(api, ada, "bob"))["actions"]["primary"] == "PENDING"
    await mutate(api, ACCEPT, bob, id=invitation)
    assert (await profile(api, ada, "bob"))["actions"] == actions(
        "MESSAGE", "UNFOLLOW", "REMOVE_CONNECTION", "BLOCK"
    )


async def test_r2_connect_is_not_offered_when_the_rules_would_refuse_it(
    db: Database, clock: Clock
) -> None:
    tight = dataclasses.replace(TEST_SETTINGS, weekly_invitation_limit=1)
    async with serve(db, tight, clock) as api:
        ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
        await settings(api, cyd, whoCanFollow="CONNECTIONS")
        assert codes(await invite(api, ada, bob)) == []
        # Quota used up: no CONNECT; cyd lets only connections follow: no FOLLOW either.
        assert (await profile(api, ada, "cyd"))["actions"] == actions(None, "BLOCK")
        await settings(api, cyd, primaryButton="FOLLOW", whoCanFollow="EVERYONE")
        assert (await profile(api, ada, "cyd"))["actions"] == actions("FOLLOW", "BLOCK")


async def test_r2_connect_is_offered_on_an_ignored_invitation_past_the_quota(
    db: Database, clock: Clock
) -> None:
    # Connecting then accepts the ignored invitation (R4, R8), which no quota limits (R6).
    tight = dataclasses.replace(TEST_SETTINGS, weekly_invitation_limit=1)
    async with serve(db, tight, clock) as api:
        ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
        await invite(api, bob, ada)
        invitation = await invitation_between(api, ada, bob, "invitationReceived")
        assert codes(await mutate(api, IGNORE, ada, id=invitation)) == []
        assert codes(await invite(api, ada, cyd)) == []  # ada's quota is used up now
        assert (await profile(api, ada, "bob"))["actions"] == actions("CONNECT", "FOLLOW", "BLOCK")
        assert codes(await invite(api, ada, bob)) == []
        assert (await profile(api, ada, "bob"))["relationship"]["isConnected"]


async def test_r3_counts_are_shown_to_every_viewer(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    fan = await api.sign_up("fan")
    await connect(api, ada, bob)
    await mutate(api, FOLLOW, fan, id=ada.id)
    counts = {"followerCount": 2, "followingCount": 1, "connectionCount": 1}
    for viewer in (None, ada, bob, fan):
        card = await profile(api, viewer, "ada")
        assert {key: card[key] for key in counts} == counts


COUNTS_IN_A_LIST = """
query ($handle: String!) { member(handle: $handle) { connections {
  edges { node { handle followerCount followingCount connectionCount } }
} } }
"""

# A fragment named like a list field: the look-ahead (schema/pipeline/lookahead.py) does not see the
# counts through it, so the card comes uncounted and its counts are loaded when asked.
COUNTS_IN_A_FRAGMENT = """
query ($handle: String!) { member(handle: $handle) { handle ...posts } }
fragment posts on Member { followerCount followingCount connectionCount }
"""


async def test_r3_counts_are_the_same_in_lists_and_fragments(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    cyd, fan = await api.sign_up("cyd"), await api.sign_up("fan")
    await connect(api, ada, bob)
    await connect(api, bob, cyd)
    await mutate(api, FOLLOW, fan, id=bob.id)
    bob_counts = {"followerCount": 3, "followingCount": 2, "connectionCount": 2}
    page = await api.data(COUNTS_IN_A_LIST, {"handle": "ada"}, ada.token)
    assert page["member"]["connections"]["edges"] == [{"node": {"handle": "bob", **bob_counts}}]
    card = await api.data(COUNTS_IN_A_FRAGMENT, {"handle": "bob"}, fan.token)
    assert card["member"] == {"handle": "bob", **bob_counts}


async def test_r4_invitation_refusals(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    too_long = await invite(api, ada, bob, message="x" * 301)
    assert [(e["code"], e["field"]) for e in too_long["errors"]] == [
        ("INVALID_INPUT", ["input", "message"])
    ]
    assert codes(await invite(api, ada, ada)) == ["SELF_ACTION"]
    assert codes(await invite(api, ada, ids.encode("Member", "no-such-member"))) == ["NOT_FOUND"]
    sent = await invite(api, ada, bob, message="x" * 300)
    assert sent["errors"] == []
    assert sent["member"]["handle"] == "bob"
    assert codes(await invite(api, ada, bob)) == ["INVITATION_PENDING"]
    relationship = (await profile(api, bob, "ada"))["relationship"]
    assert relationship["invitationReceived"] == {
        "message": "x" * 300,
        "from": {"handle": "ada"},
        "to": {"handle": "bob"},
    }
    await mutate(api, ACCEPT, bob, id=await invitation_between(api, bob, ada, "invitationReceived"))
    assert codes(await invite(api, ada, bob)) == ["ALREADY_CONNECTED"]
    assert codes(await invite(api, bob, ada)) == ["ALREADY_CONNECTED"]


async def test_r4_inviting_someone_who_invited_you_accepts_their_invitation(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await invite(api, ada, bob, message="hello")
    crossing = await invite(api, bob, ada)
    assert crossing["errors"] == []
    assert crossing["member"] == {"handle": "ada", "relationship": {"isConnected": True}}
    inbox = await api.data(INBOX, token=ada.token)
    assert inbox["viewer"]["invitationsSent"]["totalCount"] == 0
    assert (await profile(api, ada, "bob"))["degree"] == "FIRST"


async def test_r5_knows_email_requires_the_address(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob", email="Bob@Example.org")
    await settings(api, bob, invitationPolicy="KNOWS_EMAIL")
    assert (await profile(api, ada, "bob"))["actions"]["primary"] == "CONNECT"
    missing = await invite(api, ada, bob)
    assert [(e["code"], e["field"]) for e in missing["errors"]] == [
        ("EMAIL_REQUIRED", ["input", "email"])
    ]
    assert codes(await invite(api, ada, bob, email="wrong@example.org")) == ["EMAIL_REQUIRED"]
    quota = (await api.data(INBOX, token=ada.token))["viewer"]["invitationQuota"]
    assert quota == {"limit": 100, "remaining": 98, "resetsAt": None}
    assert codes(await invite(api, ada, bob, email="bob@EXAMPLE.org")) == []


NEEDS_EMAIL = """
query ($handle: String!) { member(handle: $handle) { relationship { connectNeedsEmail } } }
"""


async def test_r5_the_client_learns_before_sending_whether_the_address_is_needed(
    api: Api,
) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")

    async def needs_email(viewer: str, handle: str) -> bool:
        token = {"ada": ada.token, "bob": bob.token}[viewer]
        data = await api.data(NEEDS_EMAIL, {"handle": handle}, token)
        return bool(data["member"]["relationship"]["connectNeedsEmail"])

    assert not await needs_email("ada", "bob")
    await settings(api, bob, invitationPolicy="KNOWS_EMAIL")
    assert await needs_email("ada", "bob")
    assert not await needs_email("bob", "bob")  # oneself: nothing to send
    # Asking costs nothing: the quota is untouched (R5 counts only refused attempts).
    quota = (await api.data(INBOX, token=ada.token))["viewer"]["invitationQuota"]
    assert quota["remaining"] == 100
    await settings(api, bob, invitationPolicy="EVERYONE")
    assert not await needs_email("ada", "bob")


async def test_r5_the_quota_is_checked_before_the_address(db: Database, clock: Clock) -> None:
    async with serve(
        db, dataclasses.replace(TEST_SETTINGS, weekly_invitation_limit=2), clock
    ) as api:
        ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
        await settings(api, cyd, invitationPolicy="KNOWS_EMAIL")
        assert codes(await invite(api, ada, bob)) == []
        assert codes(await invite(api, ada, cyd)) == ["EMAIL_REQUIRED"]
        assert codes(await invite(api, ada, cyd, email=cyd.email)) == ["INVITATION_LIMIT"]


async def test_r6_weekly_invitation_limit_with_retry_after(db: Database, clock: Clock) -> None:
    async with serve(
        db, dataclasses.replace(TEST_SETTINGS, weekly_invitation_limit=2), clock
    ) as api:
        ada, bob, cyd, dan = [await api.sign_up(h) for h in ("ada", "bob", "cyd", "dan")]
        first_sent = clock.now
        assert codes(await invite(api, ada, bob)) == []
        clock.advance(days=1)
        assert codes(await invite(api, ada, cyd)) == []
        refused = await invite(api, ada, dan)
        assert codes(refused) == ["INVITATION_LIMIT"]
        retry_after = datetime.fromisoformat(refused["errors"][0]["retryAfter"])
        assert abs(retry_after - (first_sent + timedelta(days=7))) < timedelta(milliseconds=1)
        quota = (await api.data(INBOX, token=ada.token))["viewer"]["invitationQuota"]
        assert (quota["limit"], quota["remaining"]) == (2, 0)
        assert datetime.fromisoformat(quota["resetsAt"]) == datetime.fromisoformat(
            refused["errors"][0]["retryAfter"]
        )
        clock.advance(days=6, seconds=1)
        assert codes(await invite(api, ada, dan)) == []


async def test_r6_connection_limit_refuses_invitations_and_acceptance(
    db: Database, clock: Clock
) -> None:
    async with serve(db, dataclasses.replace(TEST_SETTINGS, connection_limit=1), clock) as api:
        ada, bob, cyd, dan = [await api.sign_up(h) for h in ("ada", "bob", "cyd", "dan")]
        await invite(api, cyd, ada)
        await connect(api, ada, bob)
        assert codes(await invite(api, dan, ada)) == ["CONNECTION_LIMIT"]
        assert codes(await invite(api, ada, dan)) == ["CONNECTION_LIMIT"]
        pending = await invitation_between(api, ada, cyd, "invitationReceived")
        assert codes(await mutate(api, ACCEPT, ada, id=pending)) == ["CONNECTION_LIMIT"]
        assert (await profile(api, cyd, "ada"))["actions"] == actions(
            "PENDING", "WITHDRAW", "FOLLOW", "BLOCK"
        )


async def test_r7_accept_connects_and_makes_both_follow(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await mutate(api, FOLLOW, bob, id=ada.id)
    await invite(api, ada, bob)
    invitation = await invitation_between(api, bob, ada, "invitationReceived")
    accepted = await mutate(api, ACCEPT, bob, id=invitation)
    assert accepted == {"member": {"handle": "ada"}, "errors": []}
    relationship = (await profile(api, ada, "bob"))["relationship"]
    assert relationship["isConnected"] is True
    assert relationship["connectedSince"] is not None
    assert (relationship["isFollowing"], relationship["isFollowedBy"]) == (True, True)
    assert relationship["canMessage"] is True
    card = await profile(api, None, "bob")
    assert (card["followerCount"], card["followingCount"], card["connectionCount"]) == (1, 1, 1)


async def test_r7_only_the_invitee_accepts(api: Api) -> None:
    ada, bob, eve = [await api.sign_up(h) for h in ("ada", "bob", "eve")]
    await invite(api, ada, bob)
    invitation = await invitation_between(api, ada, bob, "invitationSent")
    assert codes(await mutate(api, ACCEPT, ada, id=invitation)) == ["NOT_FOUND"]
    assert codes(await mutate(api, ACCEPT, eve, id=invitation)) == ["NOT_FOUND"]
    assert codes(await mutate(api, IGNORE, eve, id=invitation)) == ["NOT_FOUND"]
    assert codes(await mutate(api, WITHDRAW, bob, id=invitation)) == ["NOT_FOUND"]
    assert (await profile(api, ada, "bob"))["relationship"]["isConnected"] is False


async def test_r8_ignore_hides_the_invitation_from_the_invitee_only(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await invite(api, ada, bob)
    invitation = await invitation_between(api, bob, ada, "invitationReceived")
    assert (await mutate(api, IGNORE, bob, id=invitation))["errors"] == []
    inbox = (await api.data(INBOX, token=bob.token))["viewer"]["invitationsReceived"]
    assert inbox == {"totalCount": 0, "edges": []}
    assert (await profile(api, bob, "ada"))["relationship"]["invitationReceived"] is None
    sent = (await api.data(INBOX, token=ada.token))["viewer"]["invitationsSent"]
    assert sent == {"totalCount": 1, "edges": [{"node": {"to": {"handle": "bob"}}}]}
    assert codes(await invite(api, ada, bob)) == ["INVITATION_PENDING"]
    assert codes(await invite(api, bob, ada)) == []  # connecting accepts the ignored invitation
    assert (await profile(api, ada, "bob"))["degree"] == "FIRST"


async def test_r8_withdraw_starts_a_cooldown(api: Api, clock: Clock) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await invite(api, ada, bob)
    invitation = await invitation_between(api, ada, bob, "invitationSent")
    assert (await mutate(api, WITHDRAW, ada, id=invitation))["errors"] == []
    assert (await api.data(INBOX, token=bob.token))["viewer"]["invitationsReceived"][
        "totalCount"
    ] == 0
    withdrawn_at = clock.now
    refused = await invite(api, ada, bob)
    assert codes(refused) == ["REINVITE_COOLDOWN"]
    retry_after = datetime.fromisoformat(refused["errors"][0]["retryAfter"])
    assert abs(retry_after - (withdrawn_at + timedelta(days=21))) < timedelta(seconds=1)
    assert (await profile(api, ada, "bob"))["actions"]["primary"] == "FOLLOW"
    clock.advance(days=21, seconds=1)
    assert codes(await invite(api, ada, bob)) == []


async def test_r9_removing_a_connection_removes_the_follows_both_ways(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await connect(api, ada, bob)
    assert (await mutate(api, REMOVE, bob, id=ada.id))["errors"] == []
    relationship = (await profile(api, ada, "bob"))["relationship"]
    assert relationship["isConnected"] is False
    assert (relationship["isFollowing"], relationship["isFollowedBy"]) == (False, False)
    assert codes(await mutate(api, REMOVE, bob, id=ada.id)) == ["NOT_CONNECTED"]
    assert codes(await mutate(api, REMOVE, bob, id=bob.id)) == ["SELF_ACTION"]
