"""R29 never lies, as a property: for two members in a random state (connected, following
either way, invitations pending either way or ignored, a withdrawn one cooling down, either at
the connection cap, the viewer's weekly quota used up, an InMail between them, each setting
flipped, InMail credits or none), built through the API on the real database,

- every capability listed works when tried and every one not listed fails (a message, an
  InMail, the member's posts in the viewer's feed, their connections-only posts, the viewer's
  posts in their feed, their connections list);
- every option is `available` exactly when taking it is not refused, and otherwise names the
  code it is refused with;
- once an available option has taken effect (connecting: the invitation accepted),
  `capabilities` is its `grants`, and those work when tried.

A bounded run in `make test`; `make model` runs a long one (VERNETZT_EXPLAIN_EXAMPLES).
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import itertools
import os
from dataclasses import dataclass
from typing import Any

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from server.app import create_app
from tests.support.app import TEST_SETTINGS, Clock
from tests.support.client import Account, Api
from tests.support.content import feed_texts, inmail, message, post
from tests.support.network import (
    ACCEPT,
    FOLLOW,
    IGNORE,
    INVITATION_ID,
    UNFOLLOW,
    UPDATE_SETTINGS,
    WITHDRAW,
    codes,
    connect,
    invitation_between,
    invite,
    mutate,
)

EXAMPLES = int(os.environ.get("VERNETZT_EXPLAIN_EXAMPLES", "12"))
FIXED_EXAMPLES = 4  # the states every run tries (`scenario`), beside the random ones
CAP = 2  # connections a member may have (R6), small so that a cap is cheap to reach
QUOTA = 3  # invitations a week (R6)
# Each new member starts with one InMail credit; "no credits" spends it first.
SETTINGS = dataclasses.replace(
    TEST_SETTINGS,
    connection_limit=CAP,
    weekly_invitation_limit=QUOTA,
    inmail_starting_credits=1,
    sign_ups_per_address=1_000_000,  # every example signs up a dozen members
)
EXPLAIN = """
query ($handle: String!) { member(handle: $handle) { relationship {
  capabilities
  options { action available unavailableBecause needsConsent needsEmail grants }
} } }
"""
CONNECTIONS = """
query ($handle: String!) { member(handle: $handle) { connections(first: 1) { totalCount } } }
"""
NODE = "query ($id: ID!) { node(id: $id) { id } }"
RELATIONS = (
    "none",
    "connected",
    "sent",
    "sent_ignored",
    "received",
    "received_ignored",
    "withdrawn",
)
names = itertools.count()


@dataclass(frozen=True)
class Scenario:
    relation: str
    viewer_follows: bool | None  # None: as the relation left it
    member_follows: bool | None
    inmail_between: bool  # the member sent the viewer an InMail (R12: then both may message)
    viewer_at_cap: bool
    member_at_cap: bool
    quota_used_up: bool
    viewer_has_credits: bool
    member_settings: dict[str, Any]  # flipped after the follows, so that follows may hide
    viewer_who_can_follow: str


scenarios = st.builds(
    Scenario,
    relation=st.sampled_from(RELATIONS),
    viewer_follows=st.sampled_from([None, True, False]),
    member_follows=st.sampled_from([None, True, False]),
    inmail_between=st.booleans(),
    viewer_at_cap=st.booleans(),
    member_at_cap=st.booleans(),
    quota_used_up=st.booleans(),
    viewer_has_credits=st.booleans(),
    member_settings=st.fixed_dictionaries(
        {
            "whoCanFollow": st.sampled_from(["EVERYONE", "CONNECTIONS"]),
            "connectionsVisibility": st.sampled_from(["CONNECTIONS", "ONLY_ME"]),
            "invitationPolicy": st.sampled_from(["EVERYONE", "KNOWS_EMAIL"]),
            "acceptsInMail": st.booleans(),
            "openProfile": st.booleans(),
        }
    ),
    viewer_who_can_follow=st.sampled_from(["EVERYONE", "CONNECTIONS"]),
)


def scenario(relation: str, quota_used_up: bool = False, **member_settings: Any) -> Scenario:
    """A state the bounded run of `make test` always tries, beside the random ones."""
    defaults = {
        "whoCanFollow": "EVERYONE",
        "connectionsVisibility": "CONNECTIONS",
        "invitationPolicy": "EVERYONE",
        "acceptsInMail": True,
        "openProfile": False,
    }
    return Scenario(
        relation,
        viewer_follows=None,
        member_follows=None,
        inmail_between=False,
        viewer_at_cap=False,
        member_at_cap=False,
        quota_used_up=quota_used_up,
        viewer_has_credits=True,
        member_settings={**defaults, **member_settings},
        viewer_who_can_follow="EVERYONE",
    )


class Network:
    """The API on the test's own event loop and driver (hypothesis runs the examples in turn)."""

    def __init__(self, uri: str, user: str, password: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.run(self._open(uri, user, password))
        self.tried = {"examples": 0, "options": 0, "capabilities": 0}
        self.outcomes: collections.Counter[str] = collections.Counter()  # per option: code or ok

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    async def _open(self, uri: str, user: str, password: str) -> None:
        self.driver = open_driver(uri, user, password)
        db = Database(self.driver, "neo4j", check_rows=True)
        await apply_migrations(db)
        await db.write("MATCH (n) DETACH DELETE n")
        self.app = create_app(SETTINGS, db=db, clock=Clock())
        self.lifespan = self.app.router.lifespan_context(self.app)
        await self.lifespan.__aenter__()
        transport = httpx.ASGITransport(app=self.app)
        self.client = httpx.AsyncClient(transport=transport, base_url="http://test")
        self.api = Api(self.client)

    def close(self) -> None:
        async def close() -> None:
            await self.client.aclose()
            await self.lifespan.__aexit__(None, None, None)
            await self.driver.close()

        self.run(close())
        self.loop.close()

    async def member(self) -> Account:
        return await self.api.sign_up(f"r29-{next(names)}")

    async def pair(self, scenario: Scenario) -> tuple[Account, Account]:
        """A viewer and a member in the scenario's state."""
        api = self.api
        viewer, member = await self.member(), await self.member()
        if not scenario.viewer_has_credits:
            assert codes(await inmail(api, viewer, await self.member())) == []
        await self._relate(scenario.relation, viewer, member)
        if scenario.inmail_between and scenario.relation != "connected":
            assert codes(await inmail(api, member, viewer)) == []
        for follower, followed, follows in (
            (viewer, member, scenario.viewer_follows),
            (member, viewer, scenario.member_follows),
        ):
            if follows is not None:
                query = FOLLOW if follows else UNFOLLOW
                assert codes(await mutate(api, query, follower, id=followed.id)) == []
        for at_cap, who in ((scenario.viewer_at_cap, viewer), (scenario.member_at_cap, member)):
            while at_cap and await self._connections(who) < CAP:
                helper = await self.member()  # the helper invites: `who`'s quota stays
                await connect(api, helper, who)
        if scenario.quota_used_up:
            while codes(await invite(api, viewer, await self.member())) == []:
                pass
        await self._set(member, scenario.member_settings)
        await self._set(viewer, {"whoCanFollow": scenario.viewer_who_can_follow})
        return viewer, member

    async def _relate(self, relation: str, viewer: Account, member: Account) -> None:
        api = self.api
        if relation == "connected":
            await connect(api, viewer, member)
        elif relation in ("sent", "sent_ignored", "withdrawn"):
            assert codes(await invite(api, viewer, member)) == []
            invitation = await invitation_between(api, viewer, member, "invitationSent")
            if relation == "sent_ignored":
                assert codes(await mutate(api, IGNORE, member, id=invitation)) == []
            if relation == "withdrawn":  # R8: a new invitation waits out the cooldown
                assert codes(await mutate(api, WITHDRAW, viewer, id=invitation)) == []
        elif relation in ("received", "received_ignored"):
            assert codes(await invite(api, member, viewer)) == []
            if relation == "received_ignored":
                invitation = await invitation_between(api, viewer, member, "invitationReceived")
                assert codes(await mutate(api, IGNORE, viewer, id=invitation)) == []

    async def _connections(self, who: Account) -> int:
        data = await self.api.data(CONNECTIONS, {"handle": who.handle}, who.token)
        return int(data["member"]["connections"]["totalCount"])

    async def _set(self, who: Account, changes: dict[str, Any]) -> None:
        payload = await mutate(self.api, UPDATE_SETTINGS, who, input=changes)
        assert codes(payload) == [], payload

    async def explanation(self, viewer: Account, member: Account) -> dict[str, Any]:
        data = await self.api.data(EXPLAIN, {"handle": member.handle}, viewer.token)
        relationship: dict[str, Any] = data["member"]["relationship"]
        return relationship

    async def works(self, viewer: Account, member: Account) -> set[str]:
        """Which capabilities work when tried, each tried once; the InMail last, since sending
        one changes what the two may do."""
        api, worked = self.api, set()
        data = await api.data(CONNECTIONS, {"handle": member.handle}, viewer.token)
        if data["member"]["connections"] is not None:
            worked.add("SEE_THEIR_CONNECTIONS")
        theirs = await post(api, member, f"for anyone {next(names)}")
        if theirs["post"]["text"] in await feed_texts(api, viewer):
            worked.add("SEE_THEIR_POSTS")
        closed = await post(api, member, f"for connections {next(names)}", audience="CONNECTIONS")
        if (await api.data(NODE, {"id": closed["post"]["id"]}, viewer.token))["node"]:
            worked.add("SEE_THEIR_CONNECTIONS_ONLY_POSTS")
        mine = await post(api, viewer, f"from the viewer {next(names)}")
        if mine["post"]["text"] in await feed_texts(api, member):
            worked.add("THEY_SEE_YOUR_POSTS")
        if codes(await message(api, viewer, member, "Hello")) == []:
            worked.add("MESSAGE")
        if codes(await inmail(api, viewer, member)) == []:
            worked.add("INMAIL")
        self.tried["capabilities"] += 6
        return worked

    async def take(self, viewer: Account, member: Account, option: dict[str, Any]) -> list[str]:
        """The option's action, as a client takes it: the refusal's codes (none: it took). An
        option that took waits for the member's consent exactly when it says so: an invitation
        of the viewer's is pending then that was not before (which the member accepts here)."""
        before = await self._sent(viewer, member)
        if option["action"] == "FOLLOW":
            refused = codes(await mutate(self.api, FOLLOW, viewer, id=member.id))
        else:
            email = {"email": member.email} if option["needsEmail"] else {}
            refused = codes(await invite(self.api, viewer, member, **email))
        if refused:
            return refused
        pending = await self._sent(viewer, member) not in (None, before)
        assert pending == option["needsConsent"], option
        if pending:
            invitation = await invitation_between(self.api, member, viewer, "invitationReceived")
            assert codes(await mutate(self.api, ACCEPT, member, id=invitation)) == []
        return refused

    async def _sent(self, viewer: Account, member: Account) -> str | None:
        """The id of the viewer's pending invitation to the member, if any."""
        data = await self.api.data(INVITATION_ID, {"handle": member.handle}, viewer.token)
        sent = data["member"]["relationship"]["invitationSent"]
        return None if sent is None else str(sent["id"])

    async def check(self, scenario: Scenario) -> None:
        viewer, member = await self.pair(scenario)
        now = await self.explanation(viewer, member)
        assert set(now["capabilities"]) == await self.works(viewer, member), (scenario, now)
        for action in ("CONNECT", "FOLLOW"):
            viewer, member = await self.pair(scenario)  # each option from the state itself
            options = {o["action"]: o for o in (await self.explanation(viewer, member))["options"]}
            option = options[action]
            refused = await self.take(viewer, member, option)
            expected = [] if option["available"] else [option["unavailableBecause"]]
            assert refused == expected, (scenario, option, refused)
            self.tried["options"] += 1
            self.outcomes[f"{action} {option['unavailableBecause'] or 'available'}"] += 1
            if option["available"]:
                after = await self.explanation(viewer, member)
                assert after["capabilities"] == option["grants"], (scenario, option, after)
                assert set(option["grants"]) == await self.works(viewer, member), (scenario, option)
        self.tried["examples"] += 1


def test_r29_the_explanation_never_promises_what_the_rules_refuse(neo4j_server: Any) -> None:
    network = Network(neo4j_server.uri, neo4j_server.user, neo4j_server.password)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(scenarios)
    @example(scenario("sent"))
    @example(scenario("withdrawn"))  # R8's cooldown
    @example(scenario("connected", connectionsVisibility="ONLY_ME"))  # R11: hidden
    @example(scenario("received_ignored", quota_used_up=True))  # R4 accepts past the quota
    def explained(scenario: Scenario) -> None:
        network.run(network.check(scenario))

    try:
        explained()
    finally:
        network.close()
    print(f"R29 property: {network.tried}, {dict(network.outcomes)}")  # with -s, for the note
    assert network.tried["examples"] >= EXAMPLES + FIXED_EXAMPLES
