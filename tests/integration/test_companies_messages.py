"""R12, R16, R20: companies, direct messages and InMail; node(id) of every type."""

from __future__ import annotations

import asyncio
import dataclasses

from cypher.database import Database
from resolvers.request import ids
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import Api
from tests.support.content import CREATE_COMPANY, company, inmail, message, post_id
from tests.support.network import (
    BLOCK,
    FOLLOW,
    REMOVE,
    codes,
    connect,
    invitation_between,
    invite,
    mutate,
    settings,
)

COMPANY = """
query ($handle: String!) { company(handle: $handle) {
  handle name followerCount isFollowing isAdmin actions { primary secondary }
  followers { totalCount edges { node { handle } } }
  admins { handle }
  employees { totalCount edges { node { handle } } }
  posts { edges { node { text } } }
} }
"""
ADD_ADMIN = """
mutation ($c: ID!, $m: ID!) {
  addCompanyAdmin(companyId: $c, memberId: $m) { company { isAdmin } errors { code } }
}
"""
WORKPLACE = """
mutation ($c: ID) { setWorkplace(companyId: $c) { member { worksAt { handle } } errors { code } } }
"""
CONVERSATIONS = """
{ viewer { inMailCredits conversations { edges { node {
  kind canReply with { handle } messages { edges { node { body sender { handle } } } }
} } } } }
"""
NODE = "query ($id: ID!) { node(id: $id) { id } }"


async def test_r20_companies_are_followed_and_their_lists_are_for_admins(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    acme = await company(api, ada, "acme", "Acme Labs")
    taken = await mutate(api, CREATE_COMPANY, bob, input={"handle": "acme", "name": "Other"})
    assert [(e["code"], e["field"]) for e in taken["errors"]] == [("TAKEN", ["input", "handle"])]
    assert (await mutate(api, FOLLOW, bob, id=acme))["errors"] == []
    assert codes(await invite(api, bob, acme)) == ["NOT_CONNECTABLE"]
    assert codes(await mutate(api, WORKPLACE, cyd, c=acme)) == []
    as_bob = (await api.data(COMPANY, {"handle": "acme"}, bob.token))["company"]
    assert as_bob["followerCount"] == 1
    assert (as_bob["isFollowing"], as_bob["isAdmin"]) == (True, False)
    assert as_bob["actions"] == {"primary": "UNFOLLOW", "secondary": []}
    assert (as_bob["followers"], as_bob["admins"]) == (None, None)
    assert as_bob["employees"]["edges"] == [{"node": {"handle": "cyd"}}]
    as_ada = (await api.data(COMPANY, {"handle": "acme"}, ada.token))["company"]
    assert as_ada["followers"]["edges"] == [{"node": {"handle": "bob"}}]
    assert as_ada["admins"] == [{"handle": "ada"}]
    anonymous = (await api.data(COMPANY, {"handle": "acme"}))["company"]
    assert (anonymous["isFollowing"], anonymous["isAdmin"], anonymous["followerCount"]) == (
        None,
        False,
        1,
    )
    assert anonymous["actions"] == {"primary": None, "secondary": []}


async def test_r20_only_admins_add_admins(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    acme = await company(api, ada, "acme")
    assert codes(await mutate(api, ADD_ADMIN, bob, c=acme, m=cyd.id)) == ["FORBIDDEN"]
    assert codes(await mutate(api, ADD_ADMIN, ada, c=acme, m=bob.id)) == []
    assert codes(await mutate(api, ADD_ADMIN, bob, c=acme, m=cyd.id)) == []
    missing = ids.encode("Company", "no-such-company")
    assert codes(await mutate(api, ADD_ADMIN, ada, c=missing, m=cyd.id)) == ["NOT_FOUND"]
    as_cyd = (await api.data(COMPANY, {"handle": "acme"}, cyd.token))["company"]
    assert as_cyd["isAdmin"] is True
    assert [a["handle"] for a in as_cyd["admins"]] == ["ada", "bob", "cyd"]


async def test_r12_direct_messages_need_a_connection(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    assert codes(await message(api, ada, bob, "hi")) == ["NOT_CONNECTED"]
    await connect(api, ada, bob)
    sent = await message(api, ada, bob, "hi bob")
    assert sent["errors"] == []
    assert sent["conversation"]["kind"] == "DIRECT"
    assert sent["conversation"]["with"] == {"handle": "bob"}
    assert (await message(api, bob, ada, "hi ada"))["conversation"]["id"] == sent["conversation"][
        "id"
    ]
    assert codes(await message(api, ada, ada, "me")) == ["SELF_ACTION"]
    assert codes(await message(api, ada, bob, "")) == ["INVALID_INPUT"]
    await mutate(api, REMOVE, bob, id=ada.id)
    assert codes(await message(api, ada, bob, "still there?")) == ["NOT_CONNECTED"]
    conversation = (await api.data(CONVERSATIONS, token=ada.token))["viewer"]["conversations"]
    node = conversation["edges"][0]["node"]
    assert node["canReply"] is False
    assert [m["node"]["body"] for m in node["messages"]["edges"]] == ["hi ada", "hi bob"]
    assert (await api.data(NODE, {"id": sent["message"]["id"]}, cyd.token))["node"] is None
    assert (await api.data(NODE, {"id": sent["conversation"]["id"]}, cyd.token))["node"] is None
    assert (await api.data(NODE, {"id": sent["message"]["id"]}, bob.token))["node"] is not None


async def test_r16_inmail_costs_a_credit_and_opens_the_conversation(
    db: Database, clock: Clock
) -> None:
    async with serve(
        db, dataclasses.replace(TEST_SETTINGS, inmail_starting_credits=1), clock
    ) as api:
        ada, bob, cyd, dan, eve = [
            await api.sign_up(h) for h in ("ada", "bob", "cyd", "dan", "eve")
        ]
        profile = await api.data(
            '{ member(handle: "bob") { actions { secondary } } }', token=ada.token
        )
        assert profile["member"]["actions"]["secondary"] == ["FOLLOW", "INMAIL", "BLOCK"]
        sent = await inmail(api, ada, bob)
        assert sent["errors"] == []
        assert (sent["conversation"]["kind"], sent["message"]["subject"]) == ("INMAIL", "Hello")
        assert codes(await inmail(api, ada, cyd)) == ["INSUFFICIENT_CREDITS"]
        await settings(api, cyd, openProfile=True)
        assert codes(await inmail(api, ada, cyd)) == []  # an open profile is free
        await settings(api, dan, acceptsInMail=False)
        assert codes(await inmail(api, eve, dan)) == ["INMAIL_NOT_ALLOWED"]
        await connect(api, eve, dan)
        assert codes(await inmail(api, eve, dan)) == ["ALREADY_CONNECTED"]
        assert (await message(api, bob, ada, "thanks, tell me more"))["errors"] == []
        assert (await message(api, ada, bob, "gladly"))["errors"] == []
        mine = (await api.data(CONVERSATIONS, token=ada.token))["viewer"]
        assert mine["inMailCredits"] == 0
        relationship = await api.data(
            '{ member(handle: "bob") { relationship { canMessage } } }', token=ada.token
        )
        assert relationship["member"]["relationship"]["canMessage"] is True
        for subject, body in (("", "body"), ("s" * 201, "body"), ("ok", "b" * 2001)):
            refused = await inmail(api, eve, bob, subject=subject, body=body)
            assert codes(refused) == ["INVALID_INPUT"]


async def test_r16_the_last_credit_spent_at_once_sends_exactly_one_inmail(
    db: Database, clock: Clock
) -> None:
    async with serve(
        db, dataclasses.replace(TEST_SETTINGS, inmail_starting_credits=1), clock
    ) as api:
        spender = await api.sign_up("spender")
        targets = [await api.sign_up(f"target-{i}") for i in range(6)]
        answers = await asyncio.gather(*(inmail(api, spender, target) for target in targets))
        outcomes = sorted(str(codes(answer)) for answer in answers)
        assert outcomes == ["['INSUFFICIENT_CREDITS']"] * 5 + ["[]"]
        row = await db.read_one(
            "MATCH (m:Member {handle: 'spender'}) "
            "RETURN m.inMailCredits AS credits, COUNT { (:Message) } AS messages"
        )
        assert row == {"credits": 0, "messages": 1}


async def test_r12_a_retried_message_with_a_request_id_is_sent_once(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await connect(api, ada, bob)
    answers = await asyncio.gather(
        *(message(api, ada, bob, "once", requestId="m-1") for _ in range(3))
    )
    assert len({answer["message"]["id"] for answer in answers}) == 1
    inbox = (await api.data(CONVERSATIONS, token=bob.token))["viewer"]["conversations"]
    assert len(inbox["edges"][0]["node"]["messages"]["edges"]) == 1


async def test_r18_a_block_hides_posts_and_conversations(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    await connect(api, ada, bob)
    await message(api, ada, bob, "hello")
    public = await post_id(api, ada, "public")
    await mutate(api, BLOCK, bob, id=ada.id)
    assert (await api.data(NODE, {"id": public}, bob.token))["node"] is None
    inbox = (await api.data(CONVERSATIONS, token=ada.token))["viewer"]["conversations"]
    assert inbox["edges"] == []
    assert codes(await message(api, ada, bob, "are you there?")) == ["NOT_FOUND"]


async def test_node_answers_invitations_to_their_two_members_only(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    await invite(api, ada, bob, message="hi")
    invitation = await invitation_between(api, ada, bob, "invitationSent")
    for viewer, visible in ((ada, True), (bob, True), (cyd, False), (None, False)):
        token = viewer.token if viewer else None
        node = (await api.data(NODE, {"id": invitation}, token))["node"]
        assert (node is not None) == visible
