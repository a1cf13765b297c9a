"""R2: the buttons a client shows the viewer on a profile, as one pure function of the state."""

from __future__ import annotations

from dataclasses import dataclass

from cypher.rows.members import MemberRelation
from resolvers.enums import ProfileButton, ViewerAction

A = ViewerAction


@dataclass(frozen=True)
class Actions:
    primary: ViewerAction | None
    secondary: list[ViewerAction]


NO_ACTIONS = Actions(None, [])


@dataclass(frozen=True)
class ProfileState:
    """How the viewer stands with a member, as far as the buttons depend on it."""

    is_self: bool
    connected: bool
    following: bool  # the viewer's follow, where R13 does not hide it
    invitation_sent: bool  # pending from the viewer, ignored or not
    invitation_received: bool  # pending from the member and not ignored by the viewer
    chosen_button: ProfileButton  # R1
    can_connect: bool  # no R6 cap on either side, quota left, no R8 cooldown
    can_follow: bool  # R13 allows the viewer to follow
    can_inmail: bool = False  # R16

    @classmethod
    def from_relation(cls, record: MemberRelation) -> ProfileState:
        """From cypher/member_relations.cypher's row."""
        return cls(
            is_self=record["degree"] == "SELF",
            connected=record["isConnected"],
            following=record["isFollowing"],
            invitation_sent=record["invitationSent"] is not None,
            invitation_received=record["invitationReceived"] is not None,
            chosen_button=ProfileButton(record["primaryButton"]),
            can_connect=record["canConnect"],
            can_follow=record["canFollow"],
            can_inmail=record["canInMail"],
        )


def member_actions(state: ProfileState | None) -> Actions:
    """The viewer's buttons on a member's profile; None for an anonymous viewer."""
    if state is None:
        return NO_ACTIONS
    if state.is_self:
        return Actions(A.EDIT_PROFILE, [])
    follow_button = _follow_button(state)
    if state.connected:
        toggle = A.UNFOLLOW if state.following else A.FOLLOW
        return Actions(A.MESSAGE, [toggle, A.REMOVE_CONNECTION, A.BLOCK])
    if state.invitation_sent:
        return Actions(A.PENDING, [A.WITHDRAW, *_present(follow_button), A.BLOCK])
    if state.invitation_received:
        return Actions(A.ACCEPT, [A.IGNORE, *_present(follow_button), A.BLOCK])
    connect_button = A.CONNECT if state.can_connect else None
    if state.chosen_button is ProfileButton.CONNECT:
        chosen, other = connect_button, follow_button
    else:
        chosen, other = follow_button, connect_button
    primary = chosen or other
    secondary = [*_present(other if chosen else None), *([A.INMAIL] if state.can_inmail else [])]
    return Actions(primary, [*secondary, A.BLOCK])


def company_actions(following: bool | None) -> Actions:
    """A company offers following only; None for an anonymous viewer."""
    if following is None:
        return NO_ACTIONS
    return Actions(A.UNFOLLOW if following else A.FOLLOW, [])


def _follow_button(state: ProfileState) -> ViewerAction | None:
    if state.following:
        return A.UNFOLLOW
    return A.FOLLOW if state.can_follow else None


def _present(action: ViewerAction | None) -> list[ViewerAction]:
    return [action] if action else []
