"""Conversations and messages (R12, R16): what the viewer may read, and sending."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cypher.rows import messaging as rows
from cypher.rows.messaging import ConversationCard
from resolvers import messaging
from resolvers.request.clock import to_datetime
from schema.enums import ConversationKind
from schema.errors import Payload, UserError
from schema.info import Info
from schema.members import Member
from schema.relay import Connection, Node, from_rows, global_id, node_type


@node_type
@strawberry.type
class Message(Node):
    sender_id: strawberry.Private[str]
    subject: str | None
    body: str
    sent_at: datetime

    @strawberry.field
    async def sender(self, info: Info) -> Member:
        return await Member.require(info, self.sender_id)

    @classmethod
    def from_record(cls, record: rows.Message) -> Message:
        return cls(
            id=global_id("Message", record["id"]),
            sender_id=record["senderId"],
            subject=record["subject"],
            body=record["body"],
            sent_at=to_datetime(record["sentAt"]),
        )

    @classmethod
    async def load(cls, info: Info, key: str) -> Message | None:
        record = await messaging.message(info.context, key)
        return cls.from_record(record) if record else None


@node_type
@strawberry.type
class Conversation(Node):
    key: strawberry.Private[str]
    with_id: strawberry.Private[str]
    kind: ConversationKind
    can_reply: bool
    last_message_at: datetime

    @strawberry.field(name="with", description="The other participant.")
    async def with_(self, info: Info) -> Member:
        return await Member.require(info, self.with_id)

    @strawberry.field(description="Newest first.")
    async def messages(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[Message]:
        page = await messaging.messages(info.context, self.key, first, after)
        return await Connection.of(page, from_rows(Message.from_record))

    @classmethod
    def from_record(cls, record: ConversationCard) -> Conversation:
        return cls(
            id=global_id("Conversation", record["id"]),
            key=record["id"],
            with_id=record["withId"],
            kind=ConversationKind(record["kind"]),
            can_reply=record["canReply"],
            last_message_at=to_datetime(record["lastMessageAt"]),
        )

    @classmethod
    async def load(cls, info: Info, key: str) -> Conversation | None:
        record = await messaging.conversation(info.context, key)
        return cls.from_record(record) if record else None


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
class MessagePayload(Payload):
    conversation: Conversation | None
    message: Message | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: str) -> MessagePayload:
        record = await messaging.message(info.context, result)
        if record is None:  # the conversation became hidden (a block) since the first request
            return cls(conversation=None, message=None, errors=[])
        conversation = await Conversation.load(info, record["conversationId"])
        # The other member may have left (R28) since the conversation was read: their card,
        # read now, stays this request's answer for `with`; without it, no conversation.
        if conversation and await Member.load(info, conversation.with_id) is None:
            conversation = None
        return cls(conversation=conversation, message=Message.from_record(record), errors=[])


@strawberry.type
class MessagingMutation:
    @strawberry.mutation(
        description="A message to a connection, or within a conversation that holds an InMail "
        "(R12, R16)."
    )
    async def send_message(self, info: Info, input: SendMessageInput) -> MessagePayload:
        work = messaging.send_message(info.context, input.member_id, input.body, input.request_id)
        return await MessagePayload.answer(info, work)

    @strawberry.mutation
    async def send_in_mail(self, info: Info, input: SendInMailInput) -> MessagePayload:
        work = messaging.send_inmail(
            info.context, input.member_id, input.subject, input.body, input.request_id
        )
        return await MessagePayload.answer(info, work)
