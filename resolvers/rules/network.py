"""Connecting and following (R4-R9, R13, R18, R20's follow-only companies): what a mutation
does, decided from the state its transaction read under the pair's lock.

Refusals follow the order of the rules' "Errors" section: NOT_FOUND, SELF_ACTION,
NOT_CONNECTABLE, the relationship state, the member's policy, limits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from cypher.rows.network import InvitationStateRow, PairStateRow
from resolvers.errors import ErrorCode, Refusal, refusal
from resolvers.request.clock import from_epoch_ms
from resolvers.rules.formats import email_key
from resolvers.rules.quota import invitation_quota
from settings import Settings


@dataclass(frozen=True)
class PairState:
    """The viewer and a member, as read under lock; cypher/pair_state.cypher's row."""

    is_self: bool
    blocked: bool  # a block either way
    viewer_blocked: bool  # the viewer blocked the member
    connected: bool
    sent_id: str | None  # the viewer's pending invitation to the member
    received_id: str | None  # the member's pending invitation to the viewer (ignored or not)
    invitation_policy: str
    email_key: str
    who_can_follow: str
    viewer_connections: int
    member_connections: int
    invitation_log: list[int]  # epoch ms of the viewer's recent invitations
    withdrew_at: int | None  # epoch ms of the viewer's last withdrawal of an invitation to them

    @classmethod
    def from_record(cls, record: PairStateRow | None) -> PairState | None:
        if record is None:
            return None
        return cls(
            is_self=record["isSelf"],
            blocked=record["blocked"],
            viewer_blocked=record["viewerBlocked"],
            connected=record["connected"],
            sent_id=record["sentId"],
            received_id=record["receivedId"],
            invitation_policy=record["invitationPolicy"],
            email_key=record["emailKey"],
            who_can_follow=record["whoCanFollow"],
            viewer_connections=record["viewerConnections"],
            member_connections=record["memberConnections"],
            invitation_log=record["invitationLog"],
            withdrew_at=record["withdrewAt"],
        )


@dataclass(frozen=True)
class InvitationState:
    """A pending invitation, as read under the lock of both its members;
    cypher/invitation_state.cypher's row."""

    from_id: str
    to_id: str
    from_connections: int
    to_connections: int

    @classmethod
    def from_record(cls, record: InvitationStateRow | None) -> InvitationState | None:
        if record is None:
            return None
        return cls(
            record["fromId"], record["toId"], record["fromConnections"], record["toConnections"]
        )


class Outcome(Enum):
    CREATE_INVITATION = "create invitation"
    ACCEPT_THEIRS = "accept their invitation"
    COUNT_ATTEMPT = "count the refused attempt"  # R5: EMAIL_REQUIRED uses up one of the quota


@dataclass(frozen=True)
class Decision:
    outcome: Outcome | None
    refusal: Refusal | None = None


NOT_FOUND = refusal(ErrorCode.NOT_FOUND, "No such member.")
SELF_ACTION = refusal(ErrorCode.SELF_ACTION, "You cannot do this to yourself.")
INVITATION_NOT_FOUND = refusal(ErrorCode.NOT_FOUND, "No such invitation.")
NOT_CONNECTABLE = refusal(ErrorCode.NOT_CONNECTABLE, "Companies are followed, not invited.")


def visible_target(state: PairState | None) -> Refusal | None:
    """NOT_FOUND for a missing member or one in a block with the viewer (R18, R25); SELF_ACTION."""
    if state is None or state.blocked:
        return NOT_FOUND
    if state.is_self:
        return SELF_ACTION
    return None


def decide_invitation(
    state: PairState | None, email: str | None, settings: Settings, now: datetime
) -> Decision:
    """R4-R8 for sendInvitation, with the e-mail address given (or not)."""
    knows_email = state is not None and email is not None and email_key(email) == state.email_key
    return decide_invitation_knowing(state, knows_email, settings, now)


def decide_invitation_knowing(
    state: PairState | None, knows_email: bool, settings: Settings, now: datetime
) -> Decision:
    """R4-R8 for sendInvitation, given whether it carries the member's own e-mail address
    (R29 asks it of an invitation that would carry it, as a client asks for it first)."""
    if error := visible_target(state):
        return Decision(None, error)
    assert state is not None
    if state.connected:
        return Decision(None, refusal(ErrorCode.ALREADY_CONNECTED, "You are connected already."))
    if state.sent_id:
        return Decision(None, refusal(ErrorCode.INVITATION_PENDING, "Your invitation is pending."))
    if state.received_id:  # R4: inviting someone who invited you accepts their invitation
        cap = connection_cap(state.viewer_connections, state.member_connections, settings)
        return Decision(None, cap) if cap else Decision(Outcome.ACCEPT_THEIRS)
    checks: list[Callable[[], Refusal | None]] = [
        lambda: connection_cap(state.viewer_connections, state.member_connections, settings),
        lambda: cooldown(state, settings, now),
    ]
    if state.invitation_policy == "KNOWS_EMAIL":
        # R5: the quota is checked before the address, and a wrong address uses one up.
        if quota_error := quota(state, settings, now):
            return Decision(None, quota_error)
        if not knows_email:
            message = "This member accepts invitations only from people who know their e-mail."
            error = Refusal(ErrorCode.EMAIL_REQUIRED, message, field=("input", "email"))
            return Decision(Outcome.COUNT_ATTEMPT, error)
    else:
        checks.append(lambda: quota(state, settings, now))
    for check in checks:
        if error := check():
            return Decision(None, error)
    return Decision(Outcome.CREATE_INVITATION)


def decide_answer(
    state: InvitationState | None, viewer: str, by_invitee: bool, accept: bool, settings: Settings
) -> Refusal | None:
    """R7, R8: only the invitee accepts or ignores, only the inviter withdraws (NOT_FOUND for
    anyone else); accepting is refused at the R6 cap of either side."""
    actor = state and (state.to_id if by_invitee else state.from_id)
    if state is None or actor != viewer:
        return INVITATION_NOT_FOUND
    if accept:
        return connection_cap(state.from_connections, state.to_connections, settings)
    return None


def decide_removal(state: PairState | None) -> Refusal | None:
    """R9: either side removes a connection that exists."""
    if error := visible_target(state):
        return error
    assert state is not None
    if not state.connected:
        return refusal(ErrorCode.NOT_CONNECTED, "You are not connected.")
    return None


def connection_cap(a_connections: int, b_connections: int, settings: Settings) -> Refusal | None:
    """R6: no new connection for a member at the cap."""
    limit = settings.connection_limit
    if a_connections >= limit or b_connections >= limit:
        return refusal(ErrorCode.CONNECTION_LIMIT, f"A member has at most {limit} connections.")
    return None


def cooldown(state: PairState, settings: Settings, now: datetime) -> Refusal | None:
    """R8: no new invitation to a member within the cooldown after withdrawing one."""
    if state.withdrew_at is None:
        return None
    ends = from_epoch_ms(state.withdrew_at) + timedelta(days=settings.reinvite_cooldown_days)
    if ends <= now:
        return None
    return refusal(
        ErrorCode.REINVITE_COOLDOWN, "You withdrew an invitation to this member lately.", ends
    )


def quota(state: PairState, settings: Settings, now: datetime) -> Refusal | None:
    """R6: the weekly invitation quota."""
    left = invitation_quota(settings, state.invitation_log, now)
    if left.remaining > 0:
        return None
    message = f"You can send {left.limit} invitations in 7 days."
    return refusal(ErrorCode.INVITATION_LIMIT, message, left.resets_at)


def decide_follow(state: PairState | None) -> Refusal | None:
    """R13 for following a member."""
    if error := visible_target(state):
        return error
    assert state is not None
    if state.who_can_follow == "CONNECTIONS" and not state.connected:
        return refusal(ErrorCode.FOLLOW_NOT_ALLOWED, "This member lets only connections follow.")
    return None


def follow_counts(who_can_follow: str, connected: bool) -> bool:
    """R13: a follow exists for every observable while the followed member lets anyone follow,
    or the two are connected; else it is hidden (the feed and lists decide alike in Cypher)."""
    return who_can_follow == "EVERYONE" or connected


def decide_company_target(exists: bool) -> Refusal | None:
    """R20: a company is followed (and unfollowed) when it exists."""
    return None if exists else NOT_FOUND
