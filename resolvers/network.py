"""The connecting and following mutations (R4-R9, R13, R18, R21).

Each reads the pair's state, decides on it (resolvers.rules.network), and writes in one statement
that reads the state again under the pair's lock and writes only if it is what was decided on
(resolvers.request.writes.decided_write). Whatever the timing of concurrent requests, the
uniqueness constraints and the pair lock leave one connection per pair, one invitation per pair,
and no invitation between connected or blocked members. Each answers the id of the other member
(or of the followed company, or the block's row); the payload reads them as the viewer now sees
them.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import cypher
from cypher.database import Transaction
from cypher.in_order import InOrder, Step
from cypher.rows import Id, NoColumns
from cypher.rows.companies import Exists
from cypher.rows.members import BlockedMember
from cypher.rows.network import Followed, InvitationStateRow, PairStateRow
from resolvers.enums import NotificationKind
from resolvers.errors import Refusal, Refused, refuse_any
from resolvers.notifications import CREATE_NOTIFICATION, Notice, notification_params
from resolvers.request import ids
from resolvers.request.clock import epoch_ms
from resolvers.request.context import Context
from resolvers.request.ids import pair_key
from resolvers.request.loaders import limit_params
from resolvers.request.writes import TAKEN, Decided, decided_statement, decided_write, write
from resolvers.rules.formats import check_invitation_message
from resolvers.rules.network import (
    NOT_CONNECTABLE,
    NOT_FOUND,
    SELF_ACTION,
    InvitationState,
    Outcome,
    PairState,
    decide_answer,
    decide_company_target,
    decide_follow,
    decide_invitation,
    decide_removal,
    visible_target,
)

INVITATION_RECEIVED = NotificationKind.INVITATION_RECEIVED
INVITATION_ACCEPTED = NotificationKind.INVITATION_ACCEPTED
NEW_FOLLOWER = NotificationKind.NEW_FOLLOWER

# Each state twice: as a write reads it again under its lock, and as it is read to decide on.
PAIR_STATE = cypher.query("pair_state", PairStateRow)
PAIR_FACTS = cypher.query("pair_state", PairStateRow, parts={"lock_pair": "unlocked"})
INVITATION_STATE = cypher.query("invitation_state", InvitationStateRow)
INVITATION_FACTS = cypher.query(
    "invitation_state", InvitationStateRow, parts={"lock_invitation": "unlocked"}
)
CREATE_INVITATION = cypher.query("create_invitation", Id)
COUNT_INVITATION_ATTEMPT = cypher.query("count_invitation_attempt", NoColumns)
ACCEPT_INVITATION = cypher.query("accept_invitation", NoColumns)
IGNORE_INVITATION = cypher.query("ignore_invitation", NoColumns)
WITHDRAW_INVITATION = cypher.query("withdraw_invitation", NoColumns)
REMOVE_CONNECTION = cypher.query("remove_connection", NoColumns)
FOLLOW = cypher.query("follow", Followed)
UNFOLLOW = cypher.query("unfollow", NoColumns)
BLOCK_MEMBER = cypher.query("block_member", BlockedMember)
UNBLOCK_MEMBER = cypher.query("unblock_member", BlockedMember)
DISMISS_SUGGESTION = cypher.query("dismiss_suggestion", NoColumns)
COMPANY_EXISTS = cypher.query("company_exists", Exists)


NOTIFIED = Step(CREATE_NOTIFICATION, when=TAKEN)
INVITE = decided_statement(PAIR_STATE, invite=Step(CREATE_INVITATION, when=TAKEN), notify=NOTIFIED)
ACCEPT_THEIRS = decided_statement(
    PAIR_STATE, accept=Step(ACCEPT_INVITATION, when=TAKEN), notify=NOTIFIED
)
COUNT_ATTEMPT = decided_statement(PAIR_STATE, count=Step(COUNT_INVITATION_ATTEMPT, when=TAKEN))
ANSWER_ACCEPTING = decided_statement(
    INVITATION_STATE, answer=Step(ACCEPT_INVITATION, when=TAKEN), notify=NOTIFIED
)
ANSWER_IGNORING = decided_statement(INVITATION_STATE, answer=Step(IGNORE_INVITATION, when=TAKEN))
ANSWER_WITHDRAWING = decided_statement(
    INVITATION_STATE, answer=Step(WITHDRAW_INVITATION, when=TAKEN)
)
REMOVE = decided_statement(PAIR_STATE, write=Step(REMOVE_CONNECTION, when=TAKEN))
DISMISS = decided_statement(PAIR_STATE, write=Step(DISMISS_SUGGESTION, when=TAKEN))
UNFOLLOW_MEMBER = decided_statement(PAIR_STATE, write=Step(UNFOLLOW, when=TAKEN))
FOLLOW_MEMBER = decided_statement(
    PAIR_STATE,
    follow=Step(FOLLOW, when=TAKEN),
    notify=Step(CREATE_NOTIFICATION, when="follow.created"),  # a new follow notifies (R26)
)
FOLLOW_COMPANY = decided_statement(COMPANY_EXISTS, follow=Step(FOLLOW, when=TAKEN))
UNFOLLOW_COMPANY = decided_statement(COMPANY_EXISTS, unfollow=Step(UNFOLLOW, when=TAKEN))
BLOCK = decided_statement(PAIR_STATE, block=Step(BLOCK_MEMBER, when=TAKEN))


def write_params(context: Context, viewer: str, **extra: Any) -> dict[str, Any]:
    """The viewer, the time and the R6/R8 limits that the writing queries take."""
    limits = limit_params(context.settings, context.now)
    return {"viewer": viewer, "now": epoch_ms(context.now), **limits, **extra}


def read_pair(
    context: Context, viewer: str, member: str
) -> Callable[[], Awaitable[PairStateRow | None]]:
    """The read of the pair's state that a write decides on."""
    return lambda: context.loaders.together.read_one(PAIR_FACTS, viewer=viewer, member=member)


def pair_params(viewer: str, member: str) -> dict[str, Any]:
    """The `state` step's parameters, as the read's."""
    return {"viewer": viewer, "member": member}


async def send_invitation(
    context: Context, member_id: str, message: str | None, email: str | None
) -> str:
    """R4-R8: answers the invited member's id (also when inviting back accepted theirs)."""
    viewer = context.require_viewer()
    message = (message or "").strip() or None
    refuse_any(check_invitation_message(message))
    type_name, member = ids.decode_as(member_id, "Member", "Company")
    if type_name == "Company":
        exists = await context.db.read_one(COMPANY_EXISTS, id=member)
        raise Refused(NOT_CONNECTABLE if exists and exists["exists"] else NOT_FOUND)
    pair = pair_key(viewer, member)

    def decide(row: PairStateRow | None) -> Decided[str]:
        state = PairState.from_record(row)
        decision = decide_invitation(state, email, context.settings, context.now)
        if decision.outcome is None:
            assert decision.refusal is not None
            raise Refused(decision.refusal)
        params = write_params(context, viewer, pair=pair)
        steps: dict[str, Mapping[str, Any]] = {"state": pair_params(viewer, member)}
        if decision.outcome is Outcome.COUNT_ATTEMPT:  # R5: the attempt counts, then is refused
            assert decision.refusal is not None
            refused = Refused(decision.refusal)
            return Decided(COUNT_ATTEMPT, {**steps, "count": params}, lambda _: refused)
        if decision.outcome is Outcome.ACCEPT_THEIRS:
            assert state is not None
            assert state.received_id is not None
            steps["accept"] = {**params, "invitation": state.received_id}
            notice = Notice(INVITATION_ACCEPTED, member, viewer)
            statement = ACCEPT_THEIRS
        else:
            invitation = str(uuid.uuid4())
            steps["invite"] = {**params, "member": member, "id": invitation, "message": message}
            notice = Notice(INVITATION_RECEIVED, member, viewer, invitation_id=invitation)
            statement = INVITE
        steps["notify"] = notification_params(context, notice)
        return Decided(statement, steps, lambda _: member)

    return await decided_write(context, read_pair(context, viewer, member), decide)


async def _answer_invitation(
    context: Context, invitation_id: str, by_invitee: bool, statement: InOrder
) -> str:
    """accept/ignore (by the invitee) and withdraw (by the inviter), as `statement` says;
    NOT_FOUND for anyone else (R7, R8). Answers the other member's id."""
    viewer = context.require_viewer()
    accept = statement is ANSWER_ACCEPTING
    _, invitation = ids.decode_as(invitation_id, "Invitation")

    def decide(row: InvitationStateRow | None) -> Decided[str]:
        state = InvitationState.from_record(row)
        if refused := decide_answer(state, viewer, by_invitee, accept, context.settings):
            raise Refused(refused)
        assert state is not None
        pair = pair_key(state.from_id, state.to_id)
        steps: dict[str, Mapping[str, Any]] = {
            "state": {"invitation": invitation},
            "answer": write_params(context, viewer, invitation=invitation, pair=pair),
        }
        if accept:
            notice = Notice(INVITATION_ACCEPTED, state.from_id, viewer)
            steps["notify"] = notification_params(context, notice)
        other = state.from_id if by_invitee else state.to_id
        return Decided(statement, steps, lambda _: other)

    def read() -> Awaitable[InvitationStateRow | None]:
        return context.loaders.together.read_one(INVITATION_FACTS, invitation=invitation)

    return await decided_write(context, read, decide)


async def accept_invitation(context: Context, invitation_id: str) -> str:
    return await _answer_invitation(context, invitation_id, True, ANSWER_ACCEPTING)


async def ignore_invitation(context: Context, invitation_id: str) -> str:
    return await _answer_invitation(context, invitation_id, True, ANSWER_IGNORING)


async def withdraw_invitation(context: Context, invitation_id: str) -> str:
    return await _answer_invitation(context, invitation_id, False, ANSWER_WITHDRAWING)


async def remove_connection(context: Context, member_id: str) -> str:
    """R9: answers the other member's id."""
    return await _pair_write(context, member_id, decide_removal, REMOVE)


async def dismiss_suggestion(context: Context, member_id: str) -> str:
    """R21: the member is no longer suggested to the viewer. Answers the member's id."""
    return await _pair_write(context, member_id, visible_target, DISMISS)


async def _pair_write(
    context: Context,
    member_id: str,
    decide: Callable[[PairState | None], Refusal | None],
    statement: InOrder,
) -> str:
    """Let `decide` refuse on the pair's state, else run `statement` (its step `write` takes the
    viewer, the member and the time); answers the member's id."""
    viewer = context.require_viewer()
    _, member = ids.decode_as(member_id, "Member")

    def decided(row: PairStateRow | None) -> Decided[str]:
        if refused := decide(PairState.from_record(row)):
            raise Refused(refused)
        # The queries name the other member `member`, but unfollow (which serves companies too)
        # names it `target`.
        params = write_params(context, viewer, member=member, target=member)
        steps = {"state": pair_params(viewer, member), "write": params}
        return Decided(statement, steps, lambda _: member)

    return await decided_write(context, read_pair(context, viewer, member), decided)


async def follow(context: Context, target_id: str) -> tuple[str, str]:
    """R13 (members), R20 (companies): answers the target's (type, id)."""
    viewer = context.require_viewer()
    type_name, target = ids.decode_as(target_id, "Member", "Company")
    if type_name == "Company":
        await _company_write(context, target, FOLLOW_COMPANY)
        return type_name, target

    def decide(row: PairStateRow | None) -> Decided[tuple[str, str]]:
        if refused := decide_follow(PairState.from_record(row)):
            raise Refused(refused)
        params = write_params(context, viewer, target=target)
        # A follow made now is dated now: the notification points to it by that time.
        notice = Notice(NEW_FOLLOWER, target, viewer, follow_since=params["now"])
        steps = {"state": pair_params(viewer, target), "follow": params}
        steps["notify"] = notification_params(context, notice)
        return Decided(FOLLOW_MEMBER, steps, lambda _: (type_name, target))

    return await decided_write(context, read_pair(context, viewer, target), decide)


async def unfollow(context: Context, target_id: str) -> tuple[str, str]:
    """R13, R20: answers the target's (type, id); unfollowing what one does not follow is no
    error."""
    context.require_viewer()
    type_name, target = ids.decode_as(target_id, "Member", "Company")
    if type_name == "Company":
        await _company_write(context, target, UNFOLLOW_COMPANY)
    else:
        await _pair_write(context, target_id, visible_target, UNFOLLOW_MEMBER)
    return type_name, target


async def _company_write(context: Context, company: str, statement: InOrder) -> None:
    """Follow or unfollow (`statement`, its step `follow` or `unfollow`) company `company`."""
    viewer = context.require_viewer()

    def decide(row: Exists | None) -> Decided[None]:
        if refused := decide_company_target(bool(row and row["exists"])):
            raise Refused(refused)
        step = statement.steps[-1]
        steps = {"state": {"id": company}, step: write_params(context, viewer, target=company)}
        return Decided(statement, steps, lambda _: None)

    await decided_write(context, lambda: context.db.read_one(COMPANY_EXISTS, id=company), decide)


async def block(context: Context, member_id: str) -> BlockedMember:
    """R18: answers the blocked member's row (id, handle, name, blockedAt)."""
    viewer = context.require_viewer()
    _, member = ids.decode_as(member_id, "Member")

    def decide(row: PairStateRow | None) -> Decided[BlockedMember]:
        # A member already in a block with the viewer is hidden: NOT_FOUND, even to the blocker.
        if refused := visible_target(PairState.from_record(row)):
            raise Refused(refused)
        params = write_params(context, viewer, member=member, pair=pair_key(viewer, member))
        steps = {"state": pair_params(viewer, member), "block": params}
        return Decided(BLOCK, steps, lambda written: written["block"])

    return await decided_write(context, read_pair(context, viewer, member), decide)


async def unblock(context: Context, member_id: str) -> BlockedMember:
    """R18: only the blocker unblocks. Answers the unblocked member's row."""
    viewer = context.require_viewer()
    _, member = ids.decode_as(member_id, "Member")
    if member == viewer:
        raise Refused(SELF_ACTION)

    async def work(tx: Transaction) -> BlockedMember:
        row = await tx.one(UNBLOCK_MEMBER, viewer=viewer, member=member)
        if row is None:  # no block of the viewer's: the member is missing or blocked the viewer
            raise Refused(NOT_FOUND)
        return row

    return await write(context, work)
