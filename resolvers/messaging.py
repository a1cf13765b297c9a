"""Messages and InMail (R12, R16): conversations as the viewer may see them, and sending."""

from __future__ import annotations

import uuid

import cypher
from cypher.database import Transaction
from cypher.rows import Id, Items
from cypher.rows.messaging import ConversationCard, ListedMessage, MessageCard, MessageStateRow
from resolvers.enums import ConversationKind, NotificationKind
from resolvers.errors import Refused, refuse_any
from resolvers.notifications import Notice, notify
from resolvers.request import ids
from resolvers.request.clock import epoch_ms
from resolvers.request.context import Context
from resolvers.request.ids import pair_key
from resolvers.request.pages import Page, fetch_page
from resolvers.request.writes import create
from resolvers.rules.formats import check_inmail_subject, check_message_body
from resolvers.rules.messaging import (
    MessageState,
    direct_message_refusal,
    inmail_cost,
    inmail_refusal,
)

MESSAGE_STATE = cypher.query("message_state", MessageStateRow)
SEND_MESSAGE = cypher.query("send_message", Id)
CONVERSATION_MESSAGES = cypher.query("conversation_messages", Items[ListedMessage])


async def conversation(context: Context, conversation_id: str) -> ConversationCard | None:
    """A conversation of the viewer's (None otherwise, or when anonymous)."""
    return await context.loaders.if_signed_in(context.loaders.conversations, conversation_id)


async def message(context: Context, message_id: str) -> MessageCard | None:
    """A message of one of the viewer's conversations (None otherwise, or when anonymous)."""
    return await context.loaders.if_signed_in(context.loaders.messages, message_id)


async def messages(
    context: Context, conversation_id: str, first: int | None, after: str | None
) -> Page[ListedMessage]:
    """A conversation's messages, newest first (none when it is not the viewer's)."""
    page = await fetch_page(
        context.db,
        CONVERSATION_MESSAGES,
        first,
        after,
        viewer=context.viewer_id,
        conversation=conversation_id,
    )
    return page or Page(items=[], has_next=False, total=0)


async def send_message(context: Context, member_id: str, body: str, request_id: str | None) -> str:
    """R12: answers the message's id."""
    context.require_viewer()
    refuse_any(check_message_body(body))
    return await _send(
        context, member_id, "sendMessage", request_id, ConversationKind.DIRECT, body.strip()
    )


async def send_inmail(
    context: Context, member_id: str, subject: str, body: str, request_id: str | None
) -> str:
    """R16: answers the message's id."""
    context.require_viewer()
    refuse_any([*check_inmail_subject(subject), *check_message_body(body)])
    return await _send(
        context,
        member_id,
        "sendInMail",
        request_id,
        ConversationKind.INMAIL,
        body.strip(),
        subject.strip(),
    )


async def _send(
    context: Context,
    member_id: str,
    mutation: str,
    request_id: str | None,
    kind: ConversationKind,
    body: str,
    subject: str | None = None,
) -> str:
    viewer = context.require_viewer()
    _, member = ids.decode_as(member_id, "Member")
    pair = pair_key(viewer, member)
    inmail = kind is ConversationKind.INMAIL

    async def work(tx: Transaction, message_id: str) -> None:
        state = MessageState.from_record(
            await tx.one(MESSAGE_STATE, viewer=viewer, member=member, pair=pair)
        )
        if refused := inmail_refusal(state) if inmail else direct_message_refusal(state):
            raise Refused(refused)
        assert state is not None
        sent = await tx.one(
            SEND_MESSAGE,
            viewer=viewer,
            member=member,
            pair=pair,
            id=message_id,
            conversationId=str(uuid.uuid4()),
            kind=kind.value,
            subject=subject,
            body=body,
            cost=inmail_cost(state) if inmail else 0,
            now=epoch_ms(context.now),
        )
        assert sent is not None
        notice = Notice(
            NotificationKind.MESSAGE_RECEIVED,
            member,
            viewer,
            conversation_id=sent["id"],
            message_id=message_id,
        )
        await notify(tx, context, notice)

    return await create(context, mutation, request_id, work)
