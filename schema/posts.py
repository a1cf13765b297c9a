"""Inputs and payloads of the post, company and messaging mutations."""

from __future__ import annotations

import strawberry

from schema.content import Conversation, Message, Post
from schema.enums import Audience
from schema.errors import UserError
from schema.members import Company


@strawberry.input
class CreatePostInput:
    text: str
    audience: Audience | None = Audience.ANYONE
    company_id: strawberry.ID | None = strawberry.field(
        default=None, description="Post as this company; the viewer must be one of its admins."
    )
    request_id: str | None = None


@strawberry.input
class SharePostInput:
    post_id: strawberry.ID
    text: str | None = None
    audience: Audience | None = Audience.ANYONE
    request_id: str | None = None


@strawberry.type
class PostPayload:
    post: Post | None
    errors: list[UserError]


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


@strawberry.input
class SendMessageInput:
    member_id: strawberry.ID
    body: str
    request_id: str | None = None


@strawberry.input
class SendInMailInput:
    member_id: strawberry.ID
    subject: str
    body: str
    request_id: str | None = None


@strawberry.type
class MessagePayload:
    conversation: Conversation | None
    message: Message | None
    errors: list[UserError]


@strawberry.input
class CreateCompanyInput:
    handle: str
    name: str
    description: str | None = None


@strawberry.type
class CompanyPayload:
    company: Company | None
    errors: list[UserError]
