"""Inputs and payloads of the connecting and following mutations."""

from __future__ import annotations

import strawberry

from schema.errors import UserError
from schema.members import Member
from schema.viewer import BlockedMember, Followable


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
class RelationshipPayload:
    member: Member | None
    errors: list[UserError]


@strawberry.type
class FollowPayload:
    target: Followable | None
    errors: list[UserError]


@strawberry.type
class BlockPayload:
    blocked: BlockedMember | None
    errors: list[UserError]
