"""Notifications (R26): the viewer's list with its unread count, and marking them read."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Any

import strawberry

from cypher.rows.notifications import NotificationCard
from resolvers import notifications
from resolvers.errors import Refused
from resolvers.request.clock import to_datetime
from schema.enums import NotificationKind
from schema.errors import Payload, UserError
from schema.info import Info
from schema.members import Invitation, Member
from schema.messaging import Conversation, Message
from schema.posts import Post
from schema.relay import Connection, Edge, Node, PageInfo, by_id, global_id, node_type


@node_type
@strawberry.type
class Notification(Node):
    kind: NotificationKind
    actor_id: strawberry.Private[str]
    invitation_id: strawberry.Private[str | None]
    conversation_id: strawberry.Private[str | None]
    message_id: strawberry.Private[str | None]
    post_id: strawberry.Private[str | None]
    created_at: datetime
    read: bool

    @strawberry.field(description="The member who caused it.")
    async def actor(self, info: Info) -> Member:
        return await Member.require(info, self.actor_id)

    @strawberry.field
    async def invitation(self, info: Info) -> Invitation | None:
        return await Invitation.load(info, self.invitation_id) if self.invitation_id else None

    @strawberry.field
    async def conversation(self, info: Info) -> Conversation | None:
        key = self.conversation_id
        return await Conversation.load(info, key) if key else None

    @strawberry.field
    async def message(self, info: Info) -> Message | None:
        return await Message.load(info, self.message_id) if self.message_id else None

    @strawberry.field
    async def post(self, info: Info) -> Post | None:
        return await Post.load(info, self.post_id) if self.post_id else None

    @classmethod
    def from_record(cls, record: NotificationCard) -> Notification:
        return cls(
            id=global_id("Notification", record["id"]),
            kind=NotificationKind(record["kind"]),
            actor_id=record["actorId"],
            invitation_id=record["invitationId"],
            conversation_id=record["conversationId"],
            message_id=record["messageId"],
            post_id=record["postId"],
            created_at=to_datetime(record["createdAt"]),
            read=record["read"],
        )

    @classmethod
    async def load(cls, info: Info, key: str) -> Notification | None:
        record = await notifications.notification(info.context, key)
        return cls.from_record(record) if record else None


@strawberry.type
class NotificationConnection:
    edges: list[Edge[Notification]]
    page_info: PageInfo

    @strawberry.field(
        description="Unread notifications of the viewer, over the whole list (not only this page)."
    )
    async def unread_count(self, info: Info) -> int:
        # Its own query, run only when asked: it reads the unread notifications, not the page.
        return await notifications.unread_count(info.context)

    @classmethod
    async def of(
        cls, info: Info, first: int | None, after: str | None, unread_only: bool
    ) -> NotificationConnection:
        page = await notifications.page(info.context, first, after, unread_only)
        built: Connection[Notification] = await Connection.of(page, by_id(Notification.load, info))
        return cls(edges=built.edges, page_info=built.page_info)


@strawberry.input
class MarkNotificationsReadInput:
    up_to: strawberry.ID | None = strawberry.field(
        default=None,
        description="Mark this notification and every older one read; null marks all read.",
    )


@strawberry.type
class MarkNotificationsReadPayload(Payload):
    unread_count: int
    errors: list[UserError]

    @classmethod
    async def answer(cls, info: Info, work: Awaitable[Any]) -> MarkNotificationsReadPayload:
        """A refused mark (NOT_FOUND) still answers the unread count, which is never null."""
        try:
            count = await work
        except Refused as refused:
            count = await notifications.unread_count(info.context)
            return cls(unread_count=count, errors=[UserError.of(r) for r in refused.refusals])
        return cls(unread_count=count, errors=[])


@strawberry.type
class NotificationMutation:
    @strawberry.mutation
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadPayload:
        work = notifications.mark_read(info.context, input.up_to)
        return await MarkNotificationsReadPayload.answer(info, work)
