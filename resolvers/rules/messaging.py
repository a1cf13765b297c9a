"""Direct messages and InMail (R12, R16), decided from the state read under the pair's lock."""

from __future__ import annotations

from dataclasses import dataclass

from cypher.rows.messaging import MessageStateRow
from resolvers.errors import ErrorCode, Refusal, refusal


@dataclass(frozen=True)
class MessageState:
    """The viewer and a member as messaging sees them; cypher/message_state.cypher's row."""

    is_self: bool
    blocked: bool
    connected: bool
    has_inmail: bool  # their conversation holds an InMail
    accepts_inmail: bool  # the member's setting
    open_profile: bool  # the member's setting: InMail to them is free
    credits: int  # the viewer's InMail credits

    @classmethod
    def from_record(cls, record: MessageStateRow | None) -> MessageState | None:
        if record is None:
            return None
        return cls(
            is_self=record["isSelf"],
            blocked=record["blocked"],
            connected=record["connected"],
            has_inmail=record["hasInMail"],
            accepts_inmail=record["acceptsInMail"],
            open_profile=record["openProfile"],
            credits=record["credits"],
        )


def _visible_other(state: MessageState | None) -> Refusal | None:
    if state is None or state.blocked:
        return refusal(ErrorCode.NOT_FOUND, "No such member.")
    if state.is_self:
        return refusal(ErrorCode.SELF_ACTION, "You cannot message yourself.")
    return None


def direct_message_refusal(state: MessageState | None) -> Refusal | None:
    """R12: to a connection, or within a conversation that holds an InMail."""
    if error := _visible_other(state):
        return error
    assert state is not None
    if not (state.connected or state.has_inmail):
        return refusal(ErrorCode.NOT_CONNECTED, "Connect first, or send an InMail.")
    return None


def inmail_refusal(state: MessageState | None) -> Refusal | None:
    """R16, in the order of the rules: relationship, policy, limits."""
    if error := _visible_other(state):
        return error
    assert state is not None
    if state.connected:
        return refusal(ErrorCode.ALREADY_CONNECTED, "You are connected: send a message.")
    if not state.accepts_inmail:
        return refusal(ErrorCode.INMAIL_NOT_ALLOWED, "This member does not accept InMail.")
    if not state.open_profile and state.credits < 1:
        return refusal(ErrorCode.INSUFFICIENT_CREDITS, "You have no InMail credits left.")
    return None


def inmail_cost(state: MessageState) -> int:
    """R16: an InMail costs one credit, except to an open profile."""
    return 0 if state.open_profile else 1
