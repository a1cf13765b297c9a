"""Subscriptions (R27): each notification and each new message as it is committed, over
graphql-transport-ws on /graphql (the socket plumbing is server/websocket.py's)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from resolvers.live import subscriptions
from schema.info import Info
from schema.messaging import Message
from schema.notifications import Notification


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Each notification of the signed-in member, as it is created (R27)."
    )
    async def notification_added(self, info: Info) -> AsyncGenerator[Notification, None]:
        async for key in subscriptions.notifications(info.context):
            # Loaded as the member may see it now: what became hidden meanwhile is skipped.
            if notification := await Notification.load(info, key):
                yield notification

    @strawberry.subscription(
        description="Each new message in one of the signed-in member's conversations (R27); "
        "participants only."
    )
    async def message_added(
        self, info: Info, conversation_id: strawberry.ID
    ) -> AsyncGenerator[Message, None]:
        async for key in subscriptions.messages(info.context, conversation_id):
            if message := await Message.load(info, key):
                yield message
