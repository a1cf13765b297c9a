"""R29 decided by hand, state by state: what the viewer can do now and what each option would
grant (the property test, tests/reliability/test_explanations.py, tries them on the API)."""

from __future__ import annotations

import dataclasses

from resolvers.enums import Capability, ViewerAction
from resolvers.errors import ErrorCode
from resolvers.rules.explain import Option, Standing, capabilities, options
from resolvers.rules.messaging import MessageState
from tests.unit.test_decisions import FREE, FULL_QUOTA, NOW, SETTINGS, pair

C = Capability
STRANGERS = Standing(
    pair=FREE,
    messaging=MessageState(
        is_self=False,
        blocked=False,
        connected=False,
        has_inmail=False,
        accepts_inmail=True,
        open_profile=False,
        credits=0,
    ),
    viewer_follows=False,
    member_follows=False,
    viewer_who_can_follow="EVERYONE",
    connections_visibility="CONNECTIONS",
)
CONNECTED = STRANGERS.connected()
ALL_A_CONNECTION_GETS = [
    C.MESSAGE,
    C.SEE_THEIR_POSTS,
    C.SEE_THEIR_CONNECTIONS_ONLY_POSTS,
    C.THEY_SEE_YOUR_POSTS,
    C.SEE_THEIR_CONNECTIONS,
]


def standing(**changes: object) -> Standing:
    return dataclasses.replace(STRANGERS, **changes)  # type: ignore[arg-type]


def by_action(state: Standing) -> dict[ViewerAction, Option]:
    return {option.action: option for option in options(state, SETTINGS, NOW)}


def test_strangers_can_do_nothing_yet_and_connecting_unlocks_more_than_following() -> None:
    assert capabilities(STRANGERS) == []
    connect, follow = by_action(STRANGERS).values()
    assert (connect.available, connect.needs_consent, connect.needs_email) == (True, True, False)
    assert connect.grants == ALL_A_CONNECTION_GETS
    assert (follow.available, follow.needs_consent, follow.grants) == (
        True,
        False,
        [C.SEE_THEIR_POSTS],
    )


def test_a_connection_can_do_all_but_inmail_and_cannot_connect_again() -> None:
    assert capabilities(CONNECTED) == ALL_A_CONNECTION_GETS
    assert (
        by_action(CONNECTED)[ViewerAction.CONNECT].unavailable_because
        is ErrorCode.ALREADY_CONNECTED
    )


def test_hidden_connections_and_hidden_follows_are_not_promised() -> None:
    hidden = dataclasses.replace(CONNECTED, connections_visibility="ONLY_ME")
    assert C.SEE_THEIR_CONNECTIONS not in capabilities(hidden)
    # R13: who follows a member who lets only connections follow, and is none, sees nothing.
    only_connections = standing(pair=pair(who_can_follow="CONNECTIONS"), viewer_follows=True)
    assert capabilities(only_connections) == []
    follow = by_action(only_connections)[ViewerAction.FOLLOW]
    assert (follow.unavailable_because, follow.grants) == (ErrorCode.FOLLOW_NOT_ALLOWED, [])
    # The member's follow of a viewer who lets only connections follow is hidden too.
    assert capabilities(standing(member_follows=True, viewer_who_can_follow="CONNECTIONS")) == []
    assert capabilities(standing(member_follows=True)) == [C.THEY_SEE_YOUR_POSTS]


def test_inmail_is_promised_only_where_it_would_be_accepted() -> None:
    with_credit = standing(messaging=dataclasses.replace(STRANGERS.messaging, credits=1))
    assert capabilities(with_credit) == [C.INMAIL]
    open_profile = standing(messaging=dataclasses.replace(STRANGERS.messaging, open_profile=True))
    assert capabilities(open_profile) == [C.INMAIL]
    refusing = dataclasses.replace(STRANGERS.messaging, credits=1, accepts_inmail=False)
    assert capabilities(standing(messaging=refusing)) == []
    after_an_inmail = dataclasses.replace(STRANGERS.messaging, has_inmail=True, credits=1)
    assert capabilities(standing(messaging=after_an_inmail)) == [C.MESSAGE, C.INMAIL]


def test_connecting_says_what_stands_in_its_way_and_what_it_needs() -> None:
    knows_email = by_action(standing(pair=pair(invitation_policy="KNOWS_EMAIL")))
    assert knows_email[ViewerAction.CONNECT].needs_email
    assert knows_email[ViewerAction.CONNECT].available
    quota = by_action(standing(pair=pair(invitation_log=FULL_QUOTA)))[ViewerAction.CONNECT]
    assert quota.unavailable_because is ErrorCode.INVITATION_LIMIT
    assert quota.grants == ALL_A_CONNECTION_GETS  # what it would grant, available or not
    # R4: their invitation is pending: inviting accepts it, with no consent and no address.
    theirs = standing(pair=pair(received_id="i1", invitation_policy="KNOWS_EMAIL"))
    accept = by_action(theirs)[ViewerAction.CONNECT]
    assert (accept.available, accept.needs_consent, accept.needs_email) == (True, False, False)
    pending = by_action(standing(pair=pair(sent_id="i2")))[ViewerAction.CONNECT]
    assert pending.unavailable_because is ErrorCode.INVITATION_PENDING


def test_ones_own_profile_has_no_options() -> None:
    me = standing(pair=pair(is_self=True))
    assert options(me, SETTINGS, NOW) == []
    assert C.MESSAGE not in capabilities(me)
