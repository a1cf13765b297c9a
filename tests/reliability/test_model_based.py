"""Model-based test: random sequences of network operations by four members drive the real API
on the real database, and after every step every observable, for every viewer and member, is
compared with the reference model (tests/reliability/model.py): profiles and relationships,
and each member's notifications with their unread count (R26); members may leave and others
take their handle (R28). Hypothesis shrinks a failure to
a minimal sequence. A bounded run in `make test`; `make model` runs a long one
(VERNETZT_MODEL_EXAMPLES sequences)."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import httpx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from server.app import create_app
from tests.reliability.model import Model, Post
from tests.support.app import TEST_SETTINGS, Clock
from tests.support.client import DEMO_PASSWORD, Account, Api
from tests.support.content import CREATE_POST, DELETE_POST, SHARE_POST
from tests.support.network import (
    ACCEPT,
    BLOCK,
    FOLLOW,
    IGNORE,
    REMOVE,
    UNBLOCK,
    UNFOLLOW,
    UPDATE_SETTINGS,
    WITHDRAW,
    codes,
    invite,
    mutate,
)

HANDLES = ["ana", "ben", "cem", "dia"]
EXAMPLES = int(os.environ.get("VERNETZT_MODEL_EXAMPLES", "8"))
STEPS = int(os.environ.get("VERNETZT_MODEL_STEPS", "15"))
SETTINGS = TEST_SETTINGS  # limits stay far above what a sequence does
OBSERVE = """
query ($handle: String!) { member(handle: $handle) {
  degree followerCount connectionCount actions { primary secondary }
  relationship {
    isConnected isFollowing isFollowedBy canViewConnections
    invitationSent { id } invitationReceived { id }
  }
} }
"""
INVITATIONS = """
{ viewer { invitationsSent { edges { node { id to { handle } } } } } }
"""
NOTIFICATIONS = """
{ viewer { notifications(first: 100) {
  unreadCount edges { node { id kind read actor { handle } } }
} } }
"""
DELETE_ACCOUNT = """
mutation ($password: String!) { deleteAccount(input: {password: $password}) {
  deleted errors { code }
} }
"""
MARK_READ = """
mutation ($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) { unreadCount errors { code } }
}
"""
audiences = st.sampled_from(["ANYONE", "CONNECTIONS"])
member_index = st.integers(min_value=0, max_value=len(HANDLES) - 1)
URI: dict[str, str] = {}  # set by the test from the session's Neo4j


class NetworkMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.model = Model(members=list(HANDLES))
        self.accounts: dict[str, Account] = {}
        self.post_ids: list[str] = []  # the API's id of each of the model's posts
        self.run(self._open())

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    async def _open(self) -> None:
        self.driver = open_driver(URI["uri"], URI["user"], URI["password"])
        self.db = Database(self.driver, "neo4j")
        await apply_migrations(self.db)
        await self.db.write("MATCH (n) DETACH DELETE n")
        self.app = create_app(SETTINGS, db=self.db, clock=Clock())
        self.lifespan = self.app.router.lifespan_context(self.app)
        await self.lifespan.__aenter__()
        transport = httpx.ASGITransport(app=self.app)
        self.client = httpx.AsyncClient(transport=transport, base_url="http://test")
        self.api = Api(self.client)

    def teardown(self) -> None:
        async def close() -> None:
            await self.client.aclose()
            await self.lifespan.__aexit__(None, None, None)
            await self.driver.close()

        self.run(close())
        self.loop.close()

    @initialize()
    def sign_up(self) -> None:
        for handle in HANDLES:
            self.accounts[handle] = self.run(self.api.sign_up(handle))

    def who(self, index: int) -> Account:
        return self.accounts[HANDLES[index]]

    def check(self, answer: dict[str, Any], expected: str | None) -> None:
        assert codes(answer) == ([expected] if expected else []), (answer, expected)

    async def _invitation_id(self, inviter: Account, invitee: Account) -> str | None:
        data = await self.api.data(INVITATIONS, token=inviter.token)
        for edge in data["viewer"]["invitationsSent"]["edges"]:
            if edge["node"]["to"]["handle"] == invitee.handle:
                return str(edge["node"]["id"])
        return None

    def _on_invitation(
        self, query: str, actor: Account, inviter: Account, invitee: Account, expected: str | None
    ) -> None:
        invitation = self.run(self._invitation_id(inviter, invitee))
        if invitation is None:  # nothing to act on: the model must agree there is nothing
            assert expected == "NOT_FOUND"
            return
        self.check(self.run(mutate(self.api, query, actor, id=invitation)), expected)

    @rule(a=member_index, b=member_index)
    def send_invitation(self, a: int, b: int) -> None:
        expected = self.model.invite(HANDLES[a], HANDLES[b])
        self.check(self.run(invite(self.api, self.who(a), self.who(b))), expected)

    @rule(a=member_index, b=member_index)
    def accept(self, a: int, b: int) -> None:
        expected = self.model.accept(HANDLES[a], HANDLES[b])
        self._on_invitation(ACCEPT, self.who(b), self.who(a), self.who(b), expected)

    @rule(a=member_index, b=member_index)
    def ignore(self, a: int, b: int) -> None:
        expected = self.model.ignore(HANDLES[a], HANDLES[b])
        self._on_invitation(IGNORE, self.who(b), self.who(a), self.who(b), expected)

    @rule(a=member_index, b=member_index)
    def withdraw(self, a: int, b: int) -> None:
        expected = self.model.withdraw(HANDLES[a], HANDLES[b])
        self._on_invitation(WITHDRAW, self.who(a), self.who(a), self.who(b), expected)

    @rule(a=member_index, b=member_index)
    def invite_and_accept(self, a: int, b: int) -> None:
        """Two steps as one rule, so that connections (and what outlives a block) come often."""
        self.send_invitation(a, b)
        self.accept(a, b)

    @rule(a=member_index, b=member_index)
    def remove_connection(self, a: int, b: int) -> None:
        expected = self.model.remove(HANDLES[a], HANDLES[b])
        self.check(self.run(mutate(self.api, REMOVE, self.who(a), id=self.who(b).id)), expected)

    @rule(a=member_index, b=member_index)
    def follow(self, a: int, b: int) -> None:
        expected = self.model.follow(HANDLES[a], HANDLES[b])
        self.check(self.run(mutate(self.api, FOLLOW, self.who(a), id=self.who(b).id)), expected)

    @rule(a=member_index, b=member_index)
    def unfollow(self, a: int, b: int) -> None:
        expected = self.model.unfollow(HANDLES[a], HANDLES[b])
        self.check(self.run(mutate(self.api, UNFOLLOW, self.who(a), id=self.who(b).id)), expected)

    @rule(a=member_index, b=member_index)
    def block(self, a: int, b: int) -> None:
        expected = self.model.block(HANDLES[a], HANDLES[b])
        self.check(self.run(mutate(self.api, BLOCK, self.who(a), id=self.who(b).id)), expected)

    @rule(pick=st.integers(min_value=0, max_value=20), reverse=st.booleans())
    def block_a_connection(self, pick: int, reverse: bool) -> None:
        """A block between connected members: what their connection left (acceptances,
        shares) must go with it, so the pairs that have something to lose are chosen often."""
        pairs = sorted(sorted(pair) for pair in self.model.connections)
        if not pairs:
            return
        a, b = pairs[pick % len(pairs)][:: -1 if reverse else 1]
        self.block(HANDLES.index(a), HANDLES.index(b))

    @rule(a=member_index, b=member_index)
    def unblock(self, a: int, b: int) -> None:
        expected = self.model.unblock(HANDLES[a], HANDLES[b])
        self.check(self.run(mutate(self.api, UNBLOCK, self.who(a), id=self.who(b).id)), expected)

    @rule(a=member_index, policy=st.sampled_from(["EVERYONE", "CONNECTIONS"]))
    def who_can_follow(self, a: int, policy: str) -> None:
        self.model.who_can_follow[HANDLES[a]] = policy
        answer = self.run(
            mutate(self.api, UPDATE_SETTINGS, self.who(a), input={"whoCanFollow": policy})
        )
        self.check(answer, None)

    @rule(a=member_index, visibility=st.sampled_from(["CONNECTIONS", "ONLY_ME"]))
    def connections_visibility(self, a: int, visibility: str) -> None:
        self.model.visibility[HANDLES[a]] = visibility
        changes = {"connectionsVisibility": visibility}
        self.check(self.run(mutate(self.api, UPDATE_SETTINGS, self.who(a), input=changes)), None)

    @rule(a=member_index, button=st.sampled_from(["CONNECT", "FOLLOW"]))
    def primary_button(self, a: int, button: str) -> None:
        self.model.button[HANDLES[a]] = button
        changes = {"primaryButton": button}
        self.check(self.run(mutate(self.api, UPDATE_SETTINGS, self.who(a), input=changes)), None)

    @rule(a=member_index, audience=audiences)
    def create_post(self, a: int, audience: str) -> None:
        self.model.posts.append(Post(HANDLES[a], audience))
        answer = self.run(
            mutate(self.api, CREATE_POST, self.who(a), input={"text": "news", "audience": audience})
        )
        self.check(answer, None)
        self.post_ids.append(answer["post"]["id"])

    @rule(a=member_index, pick=st.integers(min_value=0, max_value=20), audience=audiences)
    def share_post(self, a: int, pick: int, audience: str) -> None:
        originals = [i for i, post in enumerate(self.model.posts) if post.shared is None]
        if not originals:
            return
        original = originals[pick % len(originals)]
        expected = self.model.share(HANDLES[a], original, audience)
        variables = {"postId": self.post_ids[original], "audience": audience}
        answer = self.run(mutate(self.api, SHARE_POST, self.who(a), input=variables))
        self.check(answer, expected)
        if expected is None:
            self.post_ids.append(answer["post"]["id"])

    @rule(pick=st.integers(min_value=0, max_value=20))
    def author_deletes_post(self, pick: int) -> None:
        alive = [i for i, post in enumerate(self.model.posts) if not post.deleted]
        if not alive:
            return
        index = alive[pick % len(alive)]
        post = self.model.posts[index]
        post.deleted = True  # R17: the author may always delete their own post
        author = self.accounts[post.author]
        self.check(self.run(mutate(self.api, DELETE_POST, author, id=self.post_ids[index])), None)

    @rule(a=member_index, pick=st.one_of(st.none(), st.integers(min_value=0, max_value=20)))
    def mark_notifications_read(self, a: int, pick: int | None) -> None:
        """All read (pick None), or up to the pick-th notification of the visible list."""
        visible = self.model.visible_notifications(HANDLES[a])
        up_to, upto_id = None, None
        if pick is not None and visible:
            chosen = visible[pick % len(visible)]
            up_to = chosen.seq
            upto_id = self.run(self._notification_ids(self.who(a)))[pick % len(visible)]
        expected = self.model.mark_read(HANDLES[a], up_to)
        answer = self.run(mutate(self.api, MARK_READ, self.who(a), input={"upTo": upto_id}))
        self.check(answer, None)
        assert answer["unreadCount"] == expected

    async def _notification_ids(self, member: Account) -> list[str]:
        data = await self.api.data(NOTIFICATIONS, token=member.token)
        return [edge["node"]["id"] for edge in data["viewer"]["notifications"]["edges"]]

    @rule(a=member_index)
    def delete_account_and_join_again(self, a: int) -> None:
        """R28: the member leaves; a newcomer takes the handle and the e-mail, inheriting
        nothing, so that the sequence goes on with four members."""
        self.model.delete_member(HANDLES[a])
        answer = self.run(mutate(self.api, DELETE_ACCOUNT, self.who(a), password=DEMO_PASSWORD))
        assert answer == {"deleted": True, "errors": []}, answer
        self.accounts[HANDLES[a]] = self.run(self.api.sign_up(HANDLES[a]))

    @invariant()
    def every_notification_list_matches_the_model(self) -> None:
        """R26: each member's list, newest first, and its unread count."""
        for handle, account in self.accounts.items():
            data = self.run(self.api.data(NOTIFICATIONS, token=account.token))
            listed = data["viewer"]["notifications"]
            seen = [
                (edge["node"]["kind"], edge["node"]["actor"]["handle"], edge["node"]["read"])
                for edge in listed["edges"]
            ]
            expected = [(n.kind, n.actor, n.read) for n in self.model.visible_notifications(handle)]
            assert seen == expected, handle
            assert listed["unreadCount"] == self.model.unread_count(handle), handle

    @invariant()
    def every_observable_matches_the_model(self) -> None:
        if not self.accounts:
            return
        for viewer in HANDLES:
            for member in HANDLES:
                data = self.run(
                    self.api.data(OBSERVE, {"handle": member}, self.accounts[viewer].token)
                )
                assert observed(data["member"]) == self.model.profile(viewer, member), (
                    viewer,
                    member,
                )


def observed(member: dict[str, Any] | None) -> dict[str, object] | None:
    if member is None:
        return None
    relationship = member["relationship"]
    return {
        "degree": member["degree"],
        "isConnected": relationship["isConnected"],
        "isFollowing": relationship["isFollowing"],
        "isFollowedBy": relationship["isFollowedBy"],
        "invitationSent": relationship["invitationSent"] is not None,
        "invitationReceived": relationship["invitationReceived"] is not None,
        "canViewConnections": relationship["canViewConnections"],
        "followerCount": member["followerCount"],
        "connectionCount": member["connectionCount"],
        "actions": (member["actions"]["primary"], tuple(member["actions"]["secondary"])),
    }


NetworkMachine.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def test_the_api_behaves_as_the_model(neo4j_server: Any) -> None:
    URI.update(uri=neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    NetworkMachine.TestCase().runTest()
