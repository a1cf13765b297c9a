"""R2: the viewer's buttons, as a pure function of the relationship state."""

from __future__ import annotations

import dataclasses

import pytest

from resolvers.enums import ProfileButton
from resolvers.enums import ViewerAction as A
from resolvers.rules.actions import Actions, ProfileState, company_actions, member_actions

STRANGER = ProfileState(
    is_self=False, connected=False, following=False, invitation_sent=False,
    invitation_received=False, chosen_button=ProfileButton.CONNECT, can_connect=True,
    can_follow=True,
)  # fmt: skip


def state(**changes: object) -> ProfileState:
    return dataclasses.replace(STRANGER, **changes)  # type: ignore[arg-type]


CASES = [
    ("anonymous", None, Actions(None, [])),
    ("self", state(is_self=True), Actions(A.EDIT_PROFILE, [])),
    ("connected, following", state(connected=True, following=True),
     Actions(A.MESSAGE, [A.UNFOLLOW, A.REMOVE_CONNECTION, A.BLOCK])),
    ("connected, unfollowed", state(connected=True),
     Actions(A.MESSAGE, [A.FOLLOW, A.REMOVE_CONNECTION, A.BLOCK])),
    ("invitation sent", state(invitation_sent=True),
     Actions(A.PENDING, [A.WITHDRAW, A.FOLLOW, A.BLOCK])),
    ("invitation sent, follow not allowed", state(invitation_sent=True, can_follow=False),
     Actions(A.PENDING, [A.WITHDRAW, A.BLOCK])),
    ("invitation sent, following", state(invitation_sent=True, following=True),
     Actions(A.PENDING, [A.WITHDRAW, A.UNFOLLOW, A.BLOCK])),
    ("invitation received", state(invitation_received=True),
     Actions(A.ACCEPT, [A.IGNORE, A.FOLLOW, A.BLOCK])),
    ("stranger, connect button", state(), Actions(A.CONNECT, [A.FOLLOW, A.BLOCK])),
    ("stranger, following", state(following=True), Actions(A.CONNECT, [A.UNFOLLOW, A.BLOCK])),
    ("stranger, follow button", state(chosen_button=ProfileButton.FOLLOW),
     Actions(A.FOLLOW, [A.CONNECT, A.BLOCK])),
    ("stranger, follow button, following",
     state(chosen_button=ProfileButton.FOLLOW, following=True),
     Actions(A.UNFOLLOW, [A.CONNECT, A.BLOCK])),
    ("connect refused: follow becomes primary", state(can_connect=False),
     Actions(A.FOLLOW, [A.BLOCK])),
    ("follow refused: connect stays primary", state(chosen_button=ProfileButton.FOLLOW,
     can_follow=False), Actions(A.CONNECT, [A.BLOCK])),
    ("neither offered", state(can_connect=False, can_follow=False), Actions(None, [A.BLOCK])),
    ("inmail offered", state(can_inmail=True), Actions(A.CONNECT, [A.FOLLOW, A.INMAIL, A.BLOCK])),
    ("only inmail offered", state(can_connect=False, can_follow=False, can_inmail=True),
     Actions(None, [A.INMAIL, A.BLOCK])),
]  # fmt: skip


@pytest.mark.parametrize(("case", "profile", "expected"), CASES, ids=[c[0] for c in CASES])
def test_r2_member_actions(case: str, profile: ProfileState | None, expected: Actions) -> None:
    assert member_actions(profile) == expected


def test_r2_company_actions() -> None:
    assert company_actions(None) == Actions(None, [])
    assert company_actions(False) == Actions(A.FOLLOW, [])
    assert company_actions(True) == Actions(A.UNFOLLOW, [])
