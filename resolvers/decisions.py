"""What a connecting mutation does, decided from the state read under lock in its transaction.

Pure functions: the transaction reads the pair's state (cypher/pair_state.cypher), one of
these decides, and the transaction writes accordingly. Refusals follow the order of the rules'
"Errors" section: NOT_FOUND, SELF_ACTION, the relationship state, the member's policy, limits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

from resolvers.quota import invitation_quota
from resolvers.validation import email_key
from schema.errors import ErrorCode, UserError, refusal
from settings import Settings


@dataclass(frozen=True)
class PairState:
    """The viewer and a member, as read under lock; built from pair_state.cypher's row."""

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
    def from_record(cls, record: Mapping[str, Any]) -> PairState:
        return cls(**{name: record[name] for name in cls.__dataclass_fields__})


class Outcome(Enum):
    CREATE_INVITATION = "create invitation"
    ACCEPT_THEIRS = "accept their invitation"
    COUNT_ATTEMPT = "count the refused attempt"  # R5: EMAIL_REQUIRED uses up one of the quota


@dataclass(frozen=True)
class Decision:
    outcome: Outcome | None
    error: UserError | None = None


NOT_FOUND = refusal(ErrorCode.NOT_FOUND, "No such member.")
SELF_ACTION = refusal(ErrorCode.SELF_ACTION, "You cannot do this to yourself.")


def visible_target(state: PairState | None) -> UserError | None:
    """NOT_FOUND for a missing member or one in a block with the viewer (R18, R25); SELF_ACTION."""
    if state is None or state.blocked:
        return NOT_FOUND
    if state.is_self:
        return SELF_ACTION
    return None


def decide_invitation(
    state: PairState | None, email: str | None, settings: Settings, now: datetime
) -> Decision:
    """R4-R8 for sendInvitation."""
    if error := visible_target(state):
        return Decision(None, error)
    assert state is not None
    if state.connected:
        return Decision(None, refusal(ErrorCode.ALREADY_CONNECTED, "You are connected already."))
    if state.sent_id:
        return Decision(None, refusal(ErrorCode.INVITATION_PENDING, "Your invitation is pending."))
    if state.received_id:  # R4: inviting someone who invited you accepts their invitation
        cap = connection_cap(state, settings)
        return Decision(None, cap) if cap else Decision(Outcome.ACCEPT_THEIRS)
    checks: list[Callable[[], UserError | None]] = [
        lambda: connection_cap(state, settings),
        lambda: cooldown(state, settings, now),
    ]
    if state.invitation_policy == "KNOWS_EMAIL":
        # R5: the quota is checked before the address, and a wrong address uses one up.
        if quota_error := quota(state, settings, now):
            return Decision(None, quota_error)
        if email is None or email_key(email) != state.email_key:
            message = "This member accepts invitations only from people who know their e-mail."
            error = UserError(
                code=ErrorCode.EMAIL_REQUIRED, message=message, field=["input", "email"]
            )
            return Decision(Outcome.COUNT_ATTEMPT, error)
    else:
        checks.append(lambda: quota(state, settings, now))
    for check in checks:
        if error := check():
            return Decision(None, error)
    return Decision(Outcome.CREATE_INVITATION)


def connection_cap(state: PairState, settings: Settings) -> UserError | None:
    limit = settings.connection_limit
    if state.viewer_connections >= limit or state.member_connections >= limit:
        return refusal(ErrorCode.CONNECTION_LIMIT, f"A member has at most {limit} connections.")
    return None


def cooldown(state: PairState, settings: Settings, now: datetime) -> UserError | None:
    if state.withdrew_at is None:
        return None
    ends = datetime.fromtimestamp(state.withdrew_at / 1000, UTC) + timedelta(
        days=settings.reinvite_cooldown_days
    )
    if ends <= now:
        return None
    return refusal(
        ErrorCode.REINVITE_COOLDOWN, "You withdrew an invitation to this member lately.", ends
    )


def quota(state: PairState, settings: Settings, now: datetime) -> UserError | None:
    left = invitation_quota(settings, state.invitation_log, now)
    if left.remaining > 0:
        return None
    message = f"You can send {left.limit} invitations in 7 days."
    return refusal(ErrorCode.INVITATION_LIMIT, message, left.resets_at)


def decide_follow(state: PairState | None) -> UserError | None:
    """R13 for following a member."""
    if error := visible_target(state):
        return error
    assert state is not None
    if state.who_can_follow == "CONNECTIONS" and not state.connected:
        return refusal(ErrorCode.FOLLOW_NOT_ALLOWED, "This member lets only connections follow.")
    return None
