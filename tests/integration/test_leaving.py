"""R28: the data export and the deletion of an account, one test per clause."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, LiteralString

from jsonschema import Draft202012Validator, FormatChecker
from neo4j.exceptions import ServiceUnavailable

import cypher
from cypher import Query
from cypher.database import Database
from cypher.rows.leaving import ExportPage
from resolvers.request import ids
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import DEMO_PASSWORD as PASSWORD
from tests.support.client import Account, Api, error_codes
from tests.support.content import SHARE_POST, company, message, post, post_id
from tests.support.network import (
    BLOCK,
    DISMISS,
    FOLLOW,
    IGNORE,
    codes,
    connect,
    invitation_between,
    invite,
    mutate,
    settings,
)

EXPORT = "mutation { requestDataExport { export errors { code message retryAfter } } }"
DELETE = """
mutation ($password: String!) { deleteAccount(input: {password: $password}) {
  deleted errors { code message field }
} }
"""
ADD_ADMIN = """
mutation ($company: ID!, $member: ID!) { addCompanyAdmin(companyId: $company, memberId: $member) {
  errors { code }
} }
"""
FORMAT = Path(__file__).resolve().parents[2] / "docs" / "vernetzt-export-1.schema.json"
VALIDATOR = Draft202012Validator(json.loads(FORMAT.read_text()), format_checker=FormatChecker())
KEYS = [
    "format",
    "createdAt",
    "profile",
    "settings",
    "inMailCredits",
    "connections",
    "followers",
    "following",
    "invitationsSent",
    "invitationsReceived",
    "blocks",
    "dismissed",
    "posts",
    "conversations",
    "notifications",
    "companies",
]


async def export(api: Api, member: Account) -> dict[str, Any]:
    payload = (await api.data(EXPORT, token=member.token))["requestDataExport"]
    assert payload["errors"] == [], payload
    document: dict[str, Any] = json.loads(payload["export"])
    VALIDATOR.validate(document)  # every export holds to its published format
    return document


def handles(items: list[dict[str, Any]]) -> list[str]:
    return sorted(item["handle"] for item in items)


async def test_r28_the_export_holds_every_kind_of_the_members_data(api: Api) -> None:
    ana = await api.sign_up("ana", headline="Graph engineer")
    bob, cem, dia, eva, fay = [await api.sign_up(h) for h in ("bob", "cem", "dia", "eva", "fay")]
    await connect(api, ana, bob)
    assert codes(await mutate(api, FOLLOW, cem, id=ana.id)) == []
    assert codes(await mutate(api, FOLLOW, ana, id=dia.id)) == []
    assert codes(await invite(api, ana, eva, message="Hello Eva")) == []
    assert codes(await invite(api, dia, ana)) == []
    assert codes(await invite(api, fay, ana)) == []
    ignored = await invitation_between(api, ana, fay, "invitationReceived")
    assert codes(await mutate(api, IGNORE, ana, id=ignored)) == []
    assert codes(await mutate(api, BLOCK, ana, id=fay.id)) == []
    assert codes(await mutate(api, DISMISS, ana, id=eva.id)) == []
    original = await post_id(api, bob, "Bob's news")
    await post_id(api, ana, "Ana's own post")
    shared = await mutate(api, SHARE_POST, ana, input={"postId": original, "text": "Worth it"})
    assert shared["errors"] == []
    assert (await message(api, ana, bob, "Hi Bob"))["errors"] == []
    assert (await message(api, bob, ana, "Hi Ana"))["errors"] == []
    acme = await company(api, ana, "acme", "Acme")

    document = await export(api, ana)
    assert list(document) == KEYS
    assert document["format"] == "vernetzt-export/1"
    profile = document["profile"]
    assert (profile["handle"], profile["email"], profile["headline"]) == (
        "ana",
        "ana@example.org",
        "Graph engineer",
    )
    assert document["settings"]["whoCanFollow"] == "EVERYONE"
    assert handles(document["connections"]) == ["bob"]
    assert handles(document["followers"]) == ["bob", "cem"]
    assert handles(document["following"]) == ["bob", "dia"]
    assert [(i["handle"], i["message"]) for i in document["invitationsSent"]] == [
        ("eva", "Hello Eva")
    ]
    # Fay's ignored invitation went with the block (R18); Dia's is pending.
    assert [(i["handle"], i["ignored"]) for i in document["invitationsReceived"]] == [
        ("dia", False)
    ]
    assert handles(document["blocks"]) == ["fay"]
    assert handles(document["dismissed"]) == ["eva"]
    texts = sorted(post["text"] for post in document["posts"])
    assert texts == ["Ana's own post", "Worth it"]
    share = next(post for post in document["posts"] if post["isShare"])
    assert share["sharedPost"] == {"id": original, "author": "bob", "text": "Bob's news"}
    [conversation] = document["conversations"]
    assert conversation["with"]["handle"] == "bob"
    assert [(m["from"], m["body"]) for m in conversation["messages"]] == [
        ("ana", "Hi Bob"),
        ("bob", "Hi Ana"),
    ]
    kinds = sorted((n["kind"], n["actor"]["handle"]) for n in document["notifications"])
    assert kinds == [
        ("INVITATION_ACCEPTED", "bob"),
        ("INVITATION_RECEIVED", "dia"),
        ("MESSAGE_RECEIVED", "bob"),
        ("NEW_FOLLOWER", "cem"),
    ]
    assert [c["handle"] for c in document["companies"]] == ["acme"]
    assert acme


async def test_r28_the_export_shows_nothing_the_rules_hide_from_the_member(api: Api) -> None:
    ana, bob, cem, dia = [await api.sign_up(h) for h in ("ana", "bob", "cem", "dia")]
    await connect(api, ana, bob)
    await connect(api, bob, cem)
    assert (await message(api, ana, bob, "Before the block"))["errors"] == []
    assert codes(await mutate(api, FOLLOW, dia, id=ana.id)) == []
    # Dia's follow is hidden once Ana lets only connections follow (R13).
    await settings(api, ana, whoCanFollow="CONNECTIONS")
    # Bob blocks Ana: nothing of Bob may appear in her export (R18).
    assert codes(await mutate(api, BLOCK, bob, id=ana.id)) == []

    text = json.dumps(await export(api, ana))
    for other in (bob, cem, dia):
        assert other.handle not in text
        assert other.email not in text
    assert "Before the block" not in text


async def test_r28_one_export_per_hour(api: Api, clock: Clock) -> None:
    ana = await api.sign_up("ana")
    await export(api, ana)
    clock.advance(minutes=59)
    payload = (await api.data(EXPORT, token=ana.token))["requestDataExport"]
    assert payload["export"] is None
    [error] = payload["errors"]
    assert error["code"] == "EXPORT_LIMIT"
    assert error["retryAfter"] is not None
    clock.advance(minutes=2)
    await export(api, ana)


async def test_r28_a_wrong_password_deletes_nothing_and_counts_like_a_failed_sign_in(
    api: Api,
) -> None:
    ana = await api.sign_up("ana")
    for _ in range(10):
        payload = (await api.data(DELETE, {"password": "wrong"}, ana.token))["deleteAccount"]
        assert payload["deleted"] is False
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [
            ("INVALID_CREDENTIALS", ["input", "password"])
        ]
    # The account's tries are used up, for signing in as for deleting.
    response = await api.post(DELETE, {"password": PASSWORD}, ana.token)
    assert (response.status_code, error_codes(response.json())) == (429, ["RATE_LIMITED"])
    assert (await api.data("{ viewer { member { handle } } }", token=ana.token))["viewer"]


async def test_r28_the_only_admin_of_a_company_is_refused(api: Api) -> None:
    ana, bob = await api.sign_up("ana"), await api.sign_up("bob")
    acme = await company(api, ana, "acme", "Acme Robotics")
    payload = (await api.data(DELETE, {"password": PASSWORD}, ana.token))["deleteAccount"]
    assert payload["deleted"] is False
    [error] = payload["errors"]
    assert error["code"] == "FORBIDDEN"
    assert "Acme Robotics" in error["message"]
    answer = await api.data(ADD_ADMIN, {"company": acme, "member": bob.id}, ana.token)
    assert answer["addCompanyAdmin"]["errors"] == []
    payload = (await api.data(DELETE, {"password": PASSWORD}, ana.token))["deleteAccount"]
    assert payload == {"deleted": True, "errors": []}


SWEEP = """
query ($handle: String!, $q: String!) {
  member(handle: $handle) { followerCount followingCount connectionCount degree
    pathFromViewer { handle }
    connections(first: 50) { totalCount edges { node { handle } } } }
  searchMembers(query: $q, first: 50) { edges { node { handle } } }
  viewer {
    followers(first: 50) { totalCount edges { node { handle } } }
    following(first: 50) { totalCount edges { node { ... on Member { handle } } } }
    invitationsReceived(first: 50) { edges { node { from { handle } } } }
    invitationsSent(first: 50) { edges { node { to { handle } } } }
    conversations(first: 50) { edges { node { with { handle } } } }
    notifications(first: 50) { unreadCount edges { node { actor { handle } } } }
    peopleYouMayKnow(first: 50) { member { handle } }
    feed(first: 50) { edges { node { text sharedPost { text } } } }
  }
}
"""


async def test_r28_a_deleted_member_leaves_no_trace_and_their_handle_is_free(api: Api) -> None:
    gone = await api.sign_up("gone")
    ana, bob, cem = [await api.sign_up(h) for h in ("ana", "bob", "cem")]
    await connect(api, gone, ana)
    await connect(api, ana, bob)
    await connect(api, gone, cem)
    assert codes(await mutate(api, FOLLOW, bob, id=gone.id)) == []
    assert codes(await invite(api, gone, bob)) == []
    assert (await message(api, gone, ana, "Secret plans"))["errors"] == []
    original = await post_id(api, gone, "A post that goes")
    shared = await mutate(api, SHARE_POST, ana, input={"postId": original, "text": "Look"})
    assert shared["errors"] == []

    # Before: Cem is Bob's third degree, through Ana and the member who leaves (R10).
    before = await api.data(SWEEP, {"handle": "cem", "q": "x"}, bob.token)
    assert before["member"]["degree"] == "THIRD"

    payload = (await api.data(DELETE, {"password": PASSWORD}, gone.token))["deleteAccount"]
    assert payload == {"deleted": True, "errors": []}

    # Every token of the member ended at once.
    response = await api.post("{ viewer { member { handle } } }", token=gone.token)
    assert (response.status_code, error_codes(response.json())) == (401, ["UNAUTHENTICATED"])
    # Nothing of them is left in anything the others see.
    for viewer in (ana, bob, cem):
        for handle in ("ana", "bob", "cem"):
            seen = await api.data(SWEEP, {"handle": handle, "q": "gone"}, viewer.token)
            assert "gone" not in json.dumps(seen), (viewer.handle, handle, seen)
    cem_card = (await api.data(SWEEP, {"handle": "cem", "q": "x"}, cem.token))["member"]
    assert cem_card["connectionCount"] == 0
    # No degree or path runs through them any more.
    after = (await api.data(SWEEP, {"handle": "cem", "q": "x"}, bob.token))["member"]
    assert (after["degree"], after["pathFromViewer"]) == ("OUT_OF_NETWORK", None)
    # The share stays, its original shows as unavailable (R17).
    feed = (await api.data(SWEEP, {"handle": "ana", "q": "x"}, ana.token))["viewer"]["feed"]
    assert {"text": "Look", "sharedPost": None} in [edge["node"] for edge in feed["edges"]]
    assert (await api.data("query ($h: String!) { member(handle: $h) { id } }", {"h": "gone"}))[
        "member"
    ] is None

    # The handle and the e-mail sign up again, and the new member inherits nothing.
    again = await api.sign_up("gone")
    fresh = await export(api, again)
    empty = (
        "connections",
        "followers",
        "following",
        "invitationsReceived",
        "conversations",
        "notifications",
        "posts",
    )
    assert all(fresh[key] == [] for key in empty), fresh


# What would point at a member who no longer exists: relationships cannot dangle in Neo4j, the
# ids kept as properties can.
DANGLING = {
    "notification to or from no member": """
        MATCH (n:Notification)
        WHERE NOT EXISTS { MATCH (:Member {id: n.recipient}) }
           OR NOT EXISTS { MATCH (:Member {id: n.actor}) }
        RETURN count(n) AS found""",
    "message from no member": """
        MATCH (message:Message)
        WHERE NOT EXISTS { MATCH (:Member {id: message.senderId}) }
        RETURN count(message) AS found""",
    "conversation without two members": """
        MATCH (c:Conversation) WHERE COUNT { (c)<-[:IN]-(:Member) } <> 2
        RETURN count(c) AS found""",
    "message outside a conversation": """
        MATCH (message:Message) WHERE NOT EXISTS { (message)<-[:HAS]-(:Conversation) }
        RETURN count(message) AS found""",
    "socket slot of no member": """
        MATCH (s:LiveSocket) WHERE NOT EXISTS { MATCH (:Member {id: s.member}) }
        RETURN count(s) AS found""",
}


# A message to the member, written as the API writes one, by a transaction the test holds open
# while the deletion runs.
IN_FLIGHT_MESSAGE = """
MATCH (v:Member {id: $sender}), (m:Member {id: $recipient})
MERGE (c:Conversation {pair: $pair})
  ON CREATE SET c.id = $pair, c.kind = 'DIRECT', c.hasInMail = false
MERGE (v)-[:IN]->(c)
MERGE (m)-[:IN]->(c)
CREATE (c)-[:HAS]->(:Message {id: randomUUID(), senderId: v.id, body: 'in flight',
                              sentAt: datetime(), conversation: c.id, seq: 1})
CREATE (:Notification {id: randomUUID(), kind: 'MESSAGE_RECEIVED', recipient: m.id,
                       actor: v.id, pair: $pair, seq: 1, createdAt: timestamp()})
"""


BLOCKED_DELETION = """
SHOW TRANSACTIONS YIELD currentQuery, status
WHERE currentQuery CONTAINS 'Member' AND status STARTS WITH 'Blocked'
RETURN count(*) AS blocked
"""


async def until_the_deletion_waits(db: Database) -> None:
    """Neo4j's own word that the deletion's transaction waits for a lock: no sleep to guess."""
    for _ in range(400):
        if (await db.read(BLOCKED_DELETION))[0]["blocked"]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the deletion never waited for the message's lock")


async def assert_nothing_points_at_a_missing_member(db: Database) -> None:
    found = {name: await db.read(query) for name, query in DANGLING.items()}
    assert {name: rows[0]["found"] for name, rows in found.items()} == dict.fromkeys(DANGLING, 0)
    assert await db.read("MATCH (m:Member {handle: 'gone'}) RETURN m") == []


async def test_r28_a_message_committed_while_the_deletion_runs_goes_with_the_member(
    api: Api, db: Database
) -> None:
    # The interleaving is made to happen, not hoped for: a message to the member is written and
    # held uncommitted, the deletion starts and waits for its lock, then the message commits.
    # Without the deletion's lock first, its reads miss the message and leave its conversation
    # with one member and its notification to no one.
    gone, sender = await api.sign_up("gone"), await api.sign_up("sender")
    await connect(api, gone, sender)
    sender_id, gone_id = ids.decode(sender.id)[1], ids.decode(gone.id)[1]
    pair = ids.pair_key(sender_id, gone_id)
    async with db.driver.session(database=db.name) as session:
        in_flight = await session.begin_transaction()
        await in_flight.run(IN_FLIGHT_MESSAGE, sender=sender_id, recipient=gone_id, pair=pair)
        deletion = asyncio.ensure_future(api.data(DELETE, {"password": PASSWORD}, gone.token))
        await until_the_deletion_waits(db)
        await in_flight.commit()
        answer = await deletion
    assert answer["deleteAccount"] == {"deleted": True, "errors": []}
    await assert_nothing_points_at_a_missing_member(db)


async def test_r28_a_deletion_racing_with_others_leaves_nothing_pointing_at_the_member(
    api: Api, db: Database
) -> None:
    gone = await api.sign_up("gone")
    others = [await api.sign_up(f"other-{n}") for n in range(6)]
    for other in others[:3]:
        await connect(api, gone, other)

    async def meanwhile(other: Account, n: int) -> None:
        # Each answers as the rules say for whichever came first; none may fail.
        await invite(api, other, gone)
        await mutate(api, FOLLOW, other, id=gone.id)
        if n < 3:
            await message(api, other, gone, f"Still there? {n}")

    deletion = api.data(DELETE, {"password": PASSWORD}, gone.token)
    answers = await asyncio.gather(deletion, *(meanwhile(o, n) for n, o in enumerate(others)))
    assert answers[0]["deleteAccount"] == {"deleted": True, "errors": []}
    await assert_nothing_points_at_a_missing_member(db)


async def test_r28_the_download_is_the_same_document_and_counts_against_the_same_hour(
    api: Api, clock: Clock
) -> None:
    """GET /export: the document written as it is read, of any size (docs/account.md)."""
    ana, bob = await api.sign_up("ana"), await api.sign_up("bob")
    await connect(api, ana, bob)
    assert (await message(api, ana, bob, "Hello"))["errors"] == []
    assert (await api.client.get("/export")).status_code == 401
    headers = {"Authorization": f"Bearer {ana.token}"}
    download = await api.client.get("/export", headers=headers)
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    document = download.json()
    VALIDATOR.validate(document)
    assert list(document) == KEYS
    assert [c["messages"][0]["body"] for c in document["conversations"]] == ["Hello"]
    payload = (await api.data(EXPORT, token=ana.token))["requestDataExport"]
    assert [error["code"] for error in payload["errors"]] == ["EXPORT_LIMIT"]
    again = await api.client.get("/export", headers=headers)
    assert (again.status_code, again.json()["errors"][0]["extensions"]["code"]) == (
        429,
        "EXPORT_LIMIT",
    )
    clock.advance(minutes=61)
    later = await export(api, ana)  # the mutation's document is the same, but for its time
    assert {**later, "createdAt": None} == {**document, "createdAt": None}


async def test_r28_an_export_past_the_size_limit_is_refused_and_the_download_serves_it(
    db: Database, clock: Clock
) -> None:
    small = dataclasses.replace(TEST_SETTINGS, export_max_bytes=2000)
    async with serve(db, small, clock) as api:
        ana = await api.sign_up("ana")
        for text in ("x" * 1000, "y" * 1000):
            assert (await post(api, ana, text))["errors"] == []
        payload = (await api.data(EXPORT, token=ana.token))["requestDataExport"]
        assert payload["export"] is None
        assert [error["code"] for error in payload["errors"]] == ["EXPORT_TOO_LARGE"]
        headers = {"Authorization": f"Bearer {ana.token}"}
        download = await api.client.get("/export", headers=headers)  # nothing used up: served
        assert download.status_code == 200
        assert sorted(p["text"][0] for p in download.json()["posts"]) == ["x", "y"]


class PostsUnreadable(Database):
    """The test's database, but for a fault injected where the export reads the posts."""

    async def read_one(self, query: Query[Any] | LiteralString, **params: Any) -> Any:
        if query == EXPORT_POSTS:
            raise ServiceUnavailable("injected: the database went away mid-export")
        return await super().read_one(query, **params)


EXPORT_POSTS = cypher.query("export_posts", ExportPage)


async def test_r28_a_failed_export_gives_its_hour_back_but_costs_a_short_cool_down(
    db: Database, clock: Clock
) -> None:
    """So that an export that keeps failing cannot be asked for again and again."""
    failing = PostsUnreadable(db.driver, db.name, db.timeout)
    async with (
        serve(failing, TEST_SETTINGS, clock) as broken,
        serve(db, TEST_SETTINGS, clock) as api,
    ):
        ana = await api.sign_up("ana")
        failed = await broken.post(EXPORT, token=ana.token)
        assert error_codes(failed.json()) == ["SERVICE_UNAVAILABLE"]
        payload = (await api.data(EXPORT, token=ana.token))["requestDataExport"]
        [error] = payload["errors"]
        retry_after = datetime.fromisoformat(error["retryAfter"])
        assert error["code"] == "EXPORT_LIMIT"
        assert retry_after - clock.now < timedelta(minutes=3)  # the cool-down, not the hour
        clock.advance(minutes=3)
        await export(api, ana)
