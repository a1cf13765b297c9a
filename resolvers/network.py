"""The connecting and following mutations (R4-R9, R13, R18, R21).

Each runs as one transaction (resolvers.request.writes): lock the pair, read its state, decide
(resolvers.rules.network), write. Whatever the timing of concurrent requests, the uniqueness
constraints and the pair lock leave one connection per pair, one invitation per pair, and no
invitation between connected or blocked members. Each answers the id of the other member (or
of the followed company, or the block's row); the payload reads them as the viewer now sees them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import cypher
from cypher import Query
from cypher.database import Transaction
from cypher.rows import Id, NoColumns
from cypher.rows.companies import Exists
from cypher.rows.members import BlockedMember
from cypher.rows.network import Followed, InvitationStateRow, PairStateRow
from resolvers.enums import NotificationKind
from resolvers.errors import Refusal, Refused, refuse_any
from resolvers.notifications import Notice, notify
from resolvers.request import ids
from resolvers.request.clock import epoch_ms
from resolvers.request.context import Context
from resolvers.request.ids import pair_key
from resolvers.request.loaders import limit_params
from resolvers.request.writes import write
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

PAIR_STATE = cypher.query("pair_state", PairStateRow)
INVITATION_STATE = cypher.query("invitation_state", InvitationStateRow)
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


def write_params(context: Context, viewer: str, **extra: Any) -> dict[str, Any]:
    """The viewer, the time and the R6/R8 limits that the writing queries take."""
    limits = limit_params(context.settings, context.now)
    return {"viewer": viewer, "now": epoch_ms(context.now), **limits, **extra}


async def pair_state(tx: Transaction, viewer: str, member: str) -> PairState | None:
    return PairState.from_record(await tx.one(PAIR_STATE, viewer=viewer, member=member))


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

    async def work(tx: Transaction) -> str | Refused:
        state = await pair_state(tx, viewer, member)
        decision = decide_invitation(state, email, context.settings, context.now)
        params = write_params(context, viewer, pair=pair)
        if decision.outcome is Outcome.CREATE_INVITATION:
            invitation = str(uuid.uuid4())
            await tx.all(CREATE_INVITATION, member=member, id=invitation, message=message, **params)
            notice = Notice(INVITATION_RECEIVED, member, viewer, invitation_id=invitation)
            await notify(tx, context, notice)
        elif decision.outcome is Outcome.ACCEPT_THEIRS:
            assert state is not None
            await tx.all(ACCEPT_INVITATION, invitation=state.received_id, **params)
            await notify(tx, context, Notice(INVITATION_ACCEPTED, member, viewer))
        elif decision.outcome is Outcome.COUNT_ATTEMPT:
            await tx.all(COUNT_INVITATION_ATTEMPT, **params)
        if decision.refusal is None:
            return member
        if decision.outcome is None:
            raise Refused(decision.refusal)
        return Refused(decision.refusal)  # R5: the attempt is counted, then refused

    return await write(context, work)


async def _answer_invitation(
    context: Context, invitation_id: str, by_invitee: bool, query: Query[NoColumns], accept: bool
) -> str:
    """accept/ignore (by the invitee) and withdraw (by the inviter); NOT_FOUND for anyone else
    (R7, R8). Answers the other member's id."""
    viewer = context.require_viewer()
    _, invitation = ids.decode_as(invitation_id, "Invitation")

    async def work(tx: Transaction) -> str:
        state = InvitationState.from_record(await tx.one(INVITATION_STATE, invitation=invitation))
        if refused := decide_answer(state, viewer, by_invitee, accept, context.settings):
            raise Refused(refused)
        assert state is not None
        pair = pair_key(state.from_id, state.to_id)
        await tx.all(query, **write_params(context, viewer, invitation=invitation, pair=pair))
        if accept:
            await notify(tx, context, Notice(INVITATION_ACCEPTED, state.from_id, viewer))
        return state.from_id if by_invitee else state.to_id

    return await write(context, work)


async def accept_invitation(context: Context, invitation_id: str) -> str:
    return await _answer_invitation(context, invitation_id, True, ACCEPT_INVITATION, accept=True)


async def ignore_invitation(context: Context, invitation_id: str) -> str:
    return await _answer_invitation(context, invitation_id, True, IGNORE_INVITATION, accept=False)


async def withdraw_invitation(context: Context, invitation_id: str) -> str:
    return await _answer_invitation(
        context, invitation_id, False, WITHDRAW_INVITATION, accept=False
    )


async def remove_connection(context: Context, member_id: str) -> str:
    """R9: answers the other member's id."""
    return await _pair_write(context, member_id, decide_removal, REMOVE_CONNECTION)


async def dismiss_suggestion(context: Context, member_id: str) -> str:
    """R21: the member is no longer suggested to the viewer. Answers the member's id."""
    return await _pair_write(context, member_id, visible_target, DISMISS_SUGGESTION)


async def _pair_write(
    context: Context,
    member_id: str,
    decide: Callable[[PairState | None], Refusal | None],
    query: Query[NoColumns],
) -> str:
    """Lock the pair, let `decide` refuse, else run `query`; answers the member's id."""
    viewer = context.require_viewer()
    _, member = ids.decode_as(member_id, "Member")

    async def work(tx: Transaction) -> str:
        if refused := decide(await pair_state(tx, viewer, member)):
            raise Refused(refused)
        await tx.all(query, **write_params(context, viewer, member=member))
        return member

    return await write(context, work)


async def follow(context: Context, target_id: str) -> tuple[str, str]:
    """R13 (members), R20 (companies): answers the target's (type, id)."""
    return await _follow_or_unfollow(context, target_id, follows=True)


async def unfollow(context: Context, target_id: str) -> tuple[str, str]:
    return await _follow_or_unfollow(context, target_id, follows=False)


async def _follow_or_unfollow(context: Context, target_id: str, follows: bool) -> tuple[str, str]:
    viewer = context.require_viewer()
    type_name, target = ids.decode_as(target_id, "Member", "Company")

    async def work(tx: Transaction) -> tuple[str, str]:
        if type_name == "Company":
            row = await tx.one(COMPANY_EXISTS, id=target)
            refused = decide_company_target(bool(row and row["exists"]))
        else:
            state = await pair_state(tx, viewer, target)
            refused = decide_follow(state) if follows else visible_target(state)
        if refused:
            raise Refused(refused)
        params = write_params(context, viewer, target=target)
        if not follows:
            await tx.all(UNFOLLOW, **params)
            return type_name, target
        followed = await tx.one(FOLLOW, **params)
        if type_name == "Member" and followed and followed["created"]:  # a new follow (R26)
            notice = Notice(NEW_FOLLOWER, target, viewer, follow_since=followed["since"])
            await notify(tx, context, notice)
        return type_name, target

    return await write(context, work)


async def block(context: Context, member_id: str) -> BlockedMember:
    """R18: answers the blocked member's row (id, handle, name, blockedAt)."""
    viewer = context.require_viewer()
    _, member = ids.decode_as(member_id, "Member")

    async def work(tx: Transaction) -> BlockedMember:
        # A member already in a block with the viewer is hidden: NOT_FOUND, even to the blocker.
        if refused := visible_target(await pair_state(tx, viewer, member)):
            raise Refused(refused)
        params = write_params(context, viewer, member=member, pair=pair_key(viewer, member))
        row = await tx.one(BLOCK_MEMBER, **params)
        assert row is not None
        return row

    return await write(context, work)


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
