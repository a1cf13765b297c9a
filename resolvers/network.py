"""The connecting and following mutations (R4-R9, R13, R18, R21).

Each runs as one transaction: lock the pair, read its state, decide (resolvers/decisions.py),
write. Whatever the timing of concurrent requests, the uniqueness constraints and the pair lock
leave one connection per pair, one invitation per pair, and no invitation between connected
or blocked members.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, LiteralString

import cypher
from cypher.database import Transaction
from resolvers.context import Info, require_viewer
from resolvers.decisions import (
    NOT_FOUND,
    SELF_ACTION,
    Outcome,
    PairState,
    decide_follow,
    decide_invitation,
    visible_target,
)
from resolvers.loaders import limit_params
from schema import ids
from schema.errors import ErrorCode, UserError, invalid_input, refusal
from schema.members import Company, Member, load_member
from schema.network import BlockPayload, FollowPayload, RelationshipPayload, SendInvitationInput
from schema.viewer import BlockedMember

PAIR_STATE = cypher.query("pair_state")
INVITATION_STATE = cypher.query("invitation_state")
CREATE_INVITATION = cypher.query("create_invitation")
COUNT_INVITATION_ATTEMPT = cypher.query("count_invitation_attempt")
ACCEPT_INVITATION = cypher.query("accept_invitation")
IGNORE_INVITATION = cypher.query("ignore_invitation")
WITHDRAW_INVITATION = cypher.query("withdraw_invitation")
REMOVE_CONNECTION = cypher.query("remove_connection")
FOLLOW = cypher.query("follow")
UNFOLLOW = cypher.query("unfollow")
BLOCK_MEMBER = cypher.query("block_member")
UNBLOCK_MEMBER = cypher.query("unblock_member")
DISMISS_SUGGESTION = cypher.query("dismiss_suggestion")
COMPANY_EXISTS = cypher.query("company_exists")

MESSAGE_MAX = 300


def pair_key(a: str, b: str) -> str:
    """The unordered pair's key: lower id first."""
    return ":".join(sorted((a, b)))


class Write:
    """The viewer, the clock and the limits of one mutation, and how to run its transaction."""

    def __init__(self, info: Info) -> None:
        self.info = info
        self.viewer = require_viewer(info)
        self.now = info.context.now
        self.now_ms = int(self.now.timestamp() * 1000)
        self.limits = limit_params(info.context.settings, self.now)

    async def pair_state(self, tx: Transaction, member: str) -> PairState | None:
        row = await tx.one(PAIR_STATE, viewer=self.viewer, member=member)
        return PairState.from_record(row) if row else None

    async def run(
        self, work: Callable[[Transaction], Awaitable[UserError | None]]
    ) -> UserError | None:
        """Run `work` as one transaction; its answer is the refusal, or None when it wrote."""
        error = await self.info.context.db.transaction(work)
        self.done(error)
        return error

    def done(self, error: UserError | None) -> None:
        if error is None:
            self.info.context.loaders.clear()  # what this request loaded before is stale now

    def params(self, **extra: Any) -> dict[str, Any]:
        return {"viewer": self.viewer, "now": self.now_ms, **self.limits, **extra}


async def member_payload(info: Info, member: str, error: UserError | None) -> RelationshipPayload:
    if error:
        return RelationshipPayload(member=None, errors=[error])
    return RelationshipPayload(member=await load_member(info, member), errors=[])


async def send_invitation(info: Info, data: SendInvitationInput) -> RelationshipPayload:
    write = Write(info)
    message = (data.message or "").strip() or None
    if message and len(message) > MESSAGE_MAX:
        text = f"An invitation's message has at most {MESSAGE_MAX} characters."
        return RelationshipPayload(member=None, errors=[invalid_input("message", text)])
    type_name, member = ids.decode_as(data.member_id, "Member", "Company")
    if type_name == "Company":
        exists = await info.context.db.read_one(COMPANY_EXISTS, id=member)
        not_connectable = refusal(ErrorCode.NOT_CONNECTABLE, "Companies are followed, not invited.")
        return await member_payload(
            info, member, not_connectable if exists and exists["exists"] else NOT_FOUND
        )
    settings = info.context.settings

    async def work(tx: Transaction) -> UserError | None:
        state = await write.pair_state(tx, member)
        decision = decide_invitation(state, data.email, settings, write.now)
        if decision.outcome is Outcome.CREATE_INVITATION:
            await tx.all(
                CREATE_INVITATION,
                **write.params(member=member, id=str(uuid.uuid4()), message=message,
                               pair=pair_key(write.viewer, member)),
            )  # fmt: skip
        elif decision.outcome is Outcome.ACCEPT_THEIRS:
            assert state is not None
            await tx.all(ACCEPT_INVITATION, **write.params(
                invitation=state.received_id, pair=pair_key(write.viewer, member)))  # fmt: skip
        elif decision.outcome is Outcome.COUNT_ATTEMPT:
            await tx.all(COUNT_INVITATION_ATTEMPT, **write.params())
        return decision.error

    return await member_payload(info, member, await write.run(work))


async def _invitation_mutation(
    info: Info, invitation_id: str, actor: str, query: LiteralString, check_cap: bool = False
) -> RelationshipPayload:
    """accept/ignore (actor: the invitee) and withdraw (actor: the inviter); NOT_FOUND for
    anyone else (R7, R8). Answers with the other member of the invitation."""
    write = Write(info)
    _, invitation = ids.decode_as(invitation_id, "Invitation")
    limit = info.context.settings.connection_limit

    async def work(tx: Transaction) -> tuple[UserError | None, str]:
        row = await tx.one(INVITATION_STATE, invitation=invitation)
        if row is None or row[actor] != write.viewer:
            return refusal(ErrorCode.NOT_FOUND, "No such invitation."), ""
        other = row["fromId"] if actor == "toId" else row["toId"]
        if check_cap and max(row["fromConnections"], row["toConnections"]) >= limit:
            return refusal(
                ErrorCode.CONNECTION_LIMIT, f"A member has at most {limit} connections."
            ), other
        pair = pair_key(row["fromId"], row["toId"])
        await tx.all(query, **write.params(invitation=invitation, pair=pair))
        return None, other

    error, other = await info.context.db.transaction(work)
    write.done(error)
    return await member_payload(info, other, error)


async def accept_invitation(info: Info, invitation_id: str) -> RelationshipPayload:
    return await _invitation_mutation(info, invitation_id, "toId", ACCEPT_INVITATION, True)


async def ignore_invitation(info: Info, invitation_id: str) -> RelationshipPayload:
    return await _invitation_mutation(info, invitation_id, "toId", IGNORE_INVITATION)


async def withdraw_invitation(info: Info, invitation_id: str) -> RelationshipPayload:
    return await _invitation_mutation(info, invitation_id, "fromId", WITHDRAW_INVITATION)


async def remove_connection(info: Info, member_id: str) -> RelationshipPayload:
    write = Write(info)
    _, member = ids.decode_as(member_id, "Member")

    async def work(tx: Transaction) -> UserError | None:
        state = await write.pair_state(tx, member)
        if error := visible_target(state):
            return error
        assert state is not None
        if not state.connected:
            return refusal(ErrorCode.NOT_CONNECTED, "You are not connected.")
        await tx.all(REMOVE_CONNECTION, **write.params(member=member))
        return None

    return await member_payload(info, member, await write.run(work))


async def dismiss_suggestion(info: Info, member_id: str) -> RelationshipPayload:
    write = Write(info)
    _, member = ids.decode_as(member_id, "Member")

    async def work(tx: Transaction) -> UserError | None:
        if error := visible_target(await write.pair_state(tx, member)):
            return error
        await tx.all(DISMISS_SUGGESTION, **write.params(member=member))
        return None

    return await member_payload(info, member, await write.run(work))


async def follow(info: Info, target_id: str) -> FollowPayload:
    return await _follow_mutation(info, target_id, FOLLOW, check_policy=True)


async def unfollow(info: Info, target_id: str) -> FollowPayload:
    return await _follow_mutation(info, target_id, UNFOLLOW, check_policy=False)


async def _follow_mutation(
    info: Info, target_id: str, query: LiteralString, check_policy: bool
) -> FollowPayload:
    write = Write(info)
    type_name, target = ids.decode_as(target_id, "Member", "Company")

    async def work(tx: Transaction) -> UserError | None:
        if type_name == "Company":
            row = await tx.one(COMPANY_EXISTS, id=target)
            error = None if row and row["exists"] else NOT_FOUND
        else:
            state = await write.pair_state(tx, target)
            error = decide_follow(state) if check_policy else visible_target(state)
        if error is None:
            await tx.all(query, **write.params(target=target))
        return error

    error = await write.run(work)
    if error:
        return FollowPayload(target=None, errors=[error])
    return FollowPayload(target=await _followable(info, type_name, target), errors=[])


async def _followable(info: Info, type_name: str, key: str) -> Member | Company | None:
    if type_name == "Company":
        record = await info.context.loaders.company_cards.load(key)
        return Company.from_record(record) if record else None
    return await load_member(info, key)


async def block(info: Info, member_id: str) -> BlockPayload:
    write = Write(info)
    _, member = ids.decode_as(member_id, "Member")

    async def work(tx: Transaction) -> UserError | BlockedMember:
        # A member already in a block with the viewer is hidden: NOT_FOUND, even to the blocker.
        if error := visible_target(await write.pair_state(tx, member)):
            return error
        row = await tx.one(BLOCK_MEMBER, **write.params(member=member))
        assert row is not None
        return BlockedMember.from_record(row)

    answer = await info.context.db.transaction(work)
    if isinstance(answer, UserError):
        return BlockPayload(blocked=None, errors=[answer])
    write.done(None)
    return BlockPayload(blocked=answer, errors=[])


async def unblock(info: Info, member_id: str) -> BlockPayload:
    write = Write(info)
    _, member = ids.decode_as(member_id, "Member")
    if member == write.viewer:
        return BlockPayload(blocked=None, errors=[SELF_ACTION])
    row = await info.context.db.write_one(UNBLOCK_MEMBER, viewer=write.viewer, member=member)
    if row is None:  # no block of the viewer's: the member is missing or blocked the viewer
        return BlockPayload(blocked=None, errors=[NOT_FOUND])
    write.done(None)
    return BlockPayload(blocked=BlockedMember.from_record(row), errors=[])
