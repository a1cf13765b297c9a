"""sendMessage and sendInMail (R12, R16), and reading a conversation's messages."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import cypher
from cypher.database import Transaction
from resolvers.context import Context, Info, require_viewer
from resolvers.network import pair_key
from resolvers.pages import Page, fetch_page
from resolvers.posts import run_refusable
from resolvers.requests import claim
from schema import ids
from schema.content import Message, load_conversation
from schema.errors import ErrorCode, Refused, UserError, invalid_input, refusal
from schema.posts import MessagePayload, SendInMailInput, SendMessageInput

MESSAGE_STATE = cypher.query("message_state")
SEND_MESSAGE = cypher.query("send_message")
CONVERSATION_MESSAGES = cypher.query("conversation_messages")

BODY_MAX = 2000
SUBJECT_MAX = 200


def check_body(body: str) -> list[UserError]:
    if not body.strip() or len(body) > BODY_MAX:
        return [invalid_input("body", f"A message has 1 to {BODY_MAX} characters.")]
    return []


def check_subject(subject: str) -> list[UserError]:
    if not subject.strip() or len(subject) > SUBJECT_MAX:
        return [invalid_input("subject", f"A subject has 1 to {SUBJECT_MAX} characters.")]
    return []


def direct_message_refusal(state: Mapping[str, Any] | None) -> UserError | None:
    """R12: to a connection, or within a conversation that holds an InMail."""
    if state is None or state["blocked"]:
        return refusal(ErrorCode.NOT_FOUND, "No such member.")
    if state["isSelf"]:
        return refusal(ErrorCode.SELF_ACTION, "You cannot message yourself.")
    if not (state["connected"] or state["hasInMail"]):
        return refusal(ErrorCode.NOT_CONNECTED, "Connect first, or send an InMail.")
    return None


def inmail_refusal(state: Mapping[str, Any] | None) -> UserError | None:
    """R16, in the order of the rules: relationship, policy, limits."""
    if state is None or state["blocked"]:
        return refusal(ErrorCode.NOT_FOUND, "No such member.")
    if state["isSelf"]:
        return refusal(ErrorCode.SELF_ACTION, "You cannot message yourself.")
    if state["connected"]:
        return refusal(ErrorCode.ALREADY_CONNECTED, "You are connected: send a message.")
    if not state["acceptsInMail"]:
        return refusal(ErrorCode.INMAIL_NOT_ALLOWED, "This member does not accept InMail.")
    if not state["openProfile"] and state["credits"] < 1:
        return refusal(ErrorCode.INSUFFICIENT_CREDITS, "You have no InMail credits left.")
    return None


async def _send(
    info: Info, member_id: str, mutation: str, request_id: str | None, *, kind: str,
    body: str, subject: str | None,
) -> MessagePayload:  # fmt: skip
    viewer = require_viewer(info)
    _, member = ids.decode_as(member_id, "Member")
    now = info.context.now
    new_id = str(uuid.uuid4())
    pair = pair_key(viewer, member)

    async def work(tx: Transaction) -> str:
        message_id = await claim(tx, viewer, mutation, request_id, new_id, now)
        if message_id != new_id:
            return message_id  # a retry: the first request sent it
        state = await tx.one(MESSAGE_STATE, viewer=viewer, member=member, pair=pair)
        refused = inmail_refusal(state) if kind == "INMAIL" else direct_message_refusal(state)
        if refused:
            raise Refused(refused)
        assert state is not None
        cost = 1 if kind == "INMAIL" and not state["openProfile"] else 0
        await tx.all(
            SEND_MESSAGE, viewer=viewer, member=member, pair=pair, id=message_id,
            conversationId=str(uuid.uuid4()), kind=kind, subject=subject, body=body,
            cost=cost, now=int(now.timestamp() * 1000),
        )  # fmt: skip
        return message_id

    answer = await run_refusable(info, work)
    if isinstance(answer, UserError):
        return MessagePayload(conversation=None, message=None, errors=[answer])
    info.context.loaders.clear()
    record = await info.context.loaders.messages.load(answer)
    if record is None:  # the conversation became hidden (a block) since the first request
        return MessagePayload(conversation=None, message=None, errors=[])
    conversation = await load_conversation(info, record["conversationId"])
    return MessagePayload(conversation=conversation, message=Message.from_record(record), errors=[])


async def send_message(info: Info, data: SendMessageInput) -> MessagePayload:
    require_viewer(info)
    if errors := check_body(data.body):
        return MessagePayload(conversation=None, message=None, errors=errors)
    return await _send(
        info, data.member_id, "sendMessage", data.request_id, kind="DIRECT",
        body=data.body.strip(), subject=None,
    )  # fmt: skip


async def send_inmail(info: Info, data: SendInMailInput) -> MessagePayload:
    require_viewer(info)
    if errors := [*check_subject(data.subject), *check_body(data.body)]:
        return MessagePayload(conversation=None, message=None, errors=errors)
    return await _send(
        info, data.member_id, "sendInMail", data.request_id, kind="INMAIL",
        body=data.body.strip(), subject=data.subject.strip(),
    )  # fmt: skip


async def messages(
    context: Context, conversation: str, first: int | None, after: str | None
) -> Page:
    page = await fetch_page(
        context.db, CONVERSATION_MESSAGES, first, after,
        viewer=context.viewer_id, conversation=conversation,
    )  # fmt: skip
    return page or Page(items=[], has_next=False, total=0)
