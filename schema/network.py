"""Connecting, following and blocking (R4-R9, R13, R18, R20), and finding people (R22)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from cypher.rows import members as rows
from resolvers import members, network
from resolvers.request.clock import to_datetime
from schema.companies import Company
from schema.errors import Payload, UserError
from schema.info import Info
from schema.members import Member, MemberPayload
from schema.pipeline.lookahead import if_asked
from schema.relay import DatedConnection, by_id, global_id, load_node

Followable = Annotated[Member | Company, strawberry.union("Followable")]


@strawberry.type
class BlockedMember:
    member_id: strawberry.ID
    handle: str
    name: str
    blocked_at: datetime

    @classmethod
    def from_record(cls, record: rows.BlockedMember) -> BlockedMember:
        return cls(
            member_id=global_id("Member", record["id"]),
            handle=record["handle"],
            name=record["name"],
            blocked_at=to_datetime(record["blockedAt"]),
        )


@strawberry.input
class SendInvitationInput:
    member_id: strawberry.ID
    message: str | None = None
    email: str | None = strawberry.field(
        default=None,
        description="Required when the member's invitationPolicy is KNOWS_EMAIL (R5).",
    )


@strawberry.type(
    description="Answer of the connecting mutations: the other member, as the viewer now sees them."
)
class RelationshipPayload(MemberPayload):
    pass


@strawberry.type
class FollowPayload(Payload):
    target: Followable | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: tuple[str, str]) -> FollowPayload:
        target = await if_asked(info, "target", lambda: load_node(info, *result))
        return cls(target=target, errors=[])  # type: ignore[arg-type]


@strawberry.type
class BlockPayload(Payload):
    blocked: BlockedMember | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: rows.BlockedMember) -> BlockPayload:
        return cls(blocked=BlockedMember.from_record(result), errors=[])


@strawberry.type
class NetworkQuery:
    @strawberry.field(
        description="Members by name or headline; each result carries the viewer's degree and "
        "actions (R22)."
    )
    async def search_members(
        self, info: Info, query: str, first: int | None = 20, after: str | None = None
    ) -> DatedConnection[Member]:
        page = await members.search(info.context, query, first, after)
        return await DatedConnection.of(page, by_id(Member.soon, info))


@strawberry.type
class NetworkMutation:
    @strawberry.mutation
    async def send_invitation(self, info: Info, input: SendInvitationInput) -> RelationshipPayload:
        work = network.send_invitation(info.context, input.member_id, input.message, input.email)
        return await RelationshipPayload.answer(info, work)

    @strawberry.mutation
    async def accept_invitation(
        self, info: Info, invitation_id: strawberry.ID
    ) -> RelationshipPayload:
        work = network.accept_invitation(info.context, invitation_id)
        return await RelationshipPayload.answer(info, work)

    @strawberry.mutation
    async def ignore_invitation(
        self, info: Info, invitation_id: strawberry.ID
    ) -> RelationshipPayload:
        work = network.ignore_invitation(info.context, invitation_id)
        return await RelationshipPayload.answer(info, work)

    @strawberry.mutation
    async def withdraw_invitation(
        self, info: Info, invitation_id: strawberry.ID
    ) -> RelationshipPayload:
        work = network.withdraw_invitation(info.context, invitation_id)
        return await RelationshipPayload.answer(info, work)

    @strawberry.mutation
    async def remove_connection(self, info: Info, member_id: strawberry.ID) -> RelationshipPayload:
        work = network.remove_connection(info.context, member_id)
        return await RelationshipPayload.answer(info, work)

    @strawberry.mutation
    async def dismiss_suggestion(self, info: Info, member_id: strawberry.ID) -> RelationshipPayload:
        work = network.dismiss_suggestion(info.context, member_id)
        return await RelationshipPayload.answer(info, work)

    @strawberry.mutation(description="Follow a member or a company.")
    async def follow(self, info: Info, id: strawberry.ID) -> FollowPayload:
        return await FollowPayload.answer(info, network.follow(info.context, id))

    @strawberry.mutation
    async def unfollow(self, info: Info, id: strawberry.ID) -> FollowPayload:
        return await FollowPayload.answer(info, network.unfollow(info.context, id))

    @strawberry.mutation
    async def block(self, info: Info, member_id: strawberry.ID) -> BlockPayload:
        return await BlockPayload.answer(info, network.block(info.context, member_id))

    @strawberry.mutation
    async def unblock(self, info: Info, member_id: strawberry.ID) -> BlockPayload:
        return await BlockPayload.answer(info, network.unblock(info.context, member_id))
