"""Notifications (R26): made in the transaction of the mutation that causes them, read only as
far as what they point to is still visible (the condition lives once, in
cypher/notification_visible.cypher).

Each mutation that notifies calls `notify` inside its own transaction, so a notification exists
exactly when its cause committed; the rules that keep something silent (an ignored invitation, a
withdrawal, an unfollow, a block, a member's own action) simply never call it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import cypher
from cypher.database import Transaction
from cypher.rows import Items, Listed, NoColumns
from cypher.rows.notifications import NotificationCard, Numbered, UnreadCount
from resolvers.enums import NotificationKind
from resolvers.errors import ErrorCode, Refusal, Refused
from resolvers.request import ids
from resolvers.request.clock import epoch_ms
from resolvers.request.context import Context
from resolvers.request.ids import pair_key
from resolvers.request.pages import Page, fetch_page
from resolvers.request.writes import write
from resolvers.rules.notifications import kept_since

CREATE_NOTIFICATION = cypher.query("create_notification", Numbered)
VIEWER_NOTIFICATIONS = cypher.query("viewer_notifications", Items[Listed])
VIEWER_UNREAD_NOTIFICATIONS = cypher.query("viewer_unread_notifications", Items[Listed])
UNREAD_NOTIFICATION_COUNT = cypher.query("unread_notification_count", UnreadCount)
NOTIFICATION_CARDS = cypher.query("notification_cards", NotificationCard)
MARK_NOTIFICATIONS_READ = cypher.query("mark_notifications_read", NoColumns)

NOT_FOUND = Refusal(ErrorCode.NOT_FOUND, "No such notification of yours.", ("input", "upTo"))


@dataclass(frozen=True)
class Notice:
    """A notification to make: what happened, to whom, by whom, and what it points to."""

    kind: NotificationKind
    recipient: str
    actor: str
    invitation_id: str | None = None
    follow_since: int | None = None  # epoch ms: which follow (a new one notifies again)
    conversation_id: str | None = None
    message_id: str | None = None
    post_id: str | None = None


async def notify(tx: Transaction, context: Context, notice: Notice) -> None:
    """Create the notification in the caller's transaction; never to the actor (R26)."""
    if notice.recipient != notice.actor:
        await tx.all(CREATE_NOTIFICATION, **notification_params(context, notice))


def notification_params(context: Context, notice: Notice) -> dict[str, Any]:
    """What CREATE_NOTIFICATION takes to make `notice` now (a write made in one statement runs
    it as a step of its own, resolvers.request.writes.decided_write)."""
    now = epoch_ms(context.now)
    return dict(
        id=str(uuid.uuid4()),
        kind=notice.kind.value,
        recipient=notice.recipient,
        actor=notice.actor,
        pair=pair_key(notice.recipient, notice.actor),
        now=now,
        keptSince=kept_since(context.settings, now),
        invitationId=notice.invitation_id,
        followSince=notice.follow_since,
        conversationId=notice.conversation_id,
        messageId=notice.message_id,
        postId=notice.post_id,
    )


def _visibility(context: Context) -> dict[str, Any]:
    return {
        "viewer": context.require_viewer(),
        "keptSince": kept_since(context.settings, epoch_ms(context.now)),
    }


async def page(
    context: Context, first: int | None, after: str | None, unread_only: bool
) -> Page[Listed]:
    """The viewer's visible notifications, newest first (only the unread ones if asked)."""
    query = VIEWER_UNREAD_NOTIFICATIONS if unread_only else VIEWER_NOTIFICATIONS
    found = await fetch_page(context.db, query, first, after, **_visibility(context))
    assert found is not None  # the viewer's own list is never hidden from the viewer
    return found


async def unread_count(context: Context) -> int:
    """Visible unread notifications of the viewer; reads the unread ones only."""
    row = await context.db.read_one(UNREAD_NOTIFICATION_COUNT, **_visibility(context))
    return int(row["unreadCount"]) if row else 0


async def notification(context: Context, notification_id: str) -> NotificationCard | None:
    """The viewer's notification, while it is visible (None otherwise, or when anonymous)."""
    return await context.loaders.if_signed_in(context.loaders.notifications, notification_id)


async def mark_read(context: Context, up_to: str | None) -> int:
    """Mark `up_to` and every older notification read (None: all); answers the new unread
    count. NOT_FOUND unless `up_to` is one of the viewer's visible notifications."""
    viewer = context.require_viewer()
    key = ids.decode_as(up_to, "Notification")[1] if up_to is not None else None

    async def work(tx: Transaction) -> None:
        seq = None
        if key is not None:
            rows = await tx.all(NOTIFICATION_CARDS, ids=[key], **_visibility(context))
            if not rows:
                raise Refused(NOT_FOUND)
            seq = rows[0]["seq"]
        await tx.all(MARK_NOTIFICATIONS_READ, viewer=viewer, upTo=seq)

    await write(context, work)
    return await unread_count(context)
