"""The signed-in member's own view: account, quota, lists and suggestions (R6, R14, R18, R21).
Every read here needs a viewer."""

from __future__ import annotations

from typing import TypeVar

import cypher
from cypher import Query
from cypher.rows import Counted, Items, Listed, ListedSince
from cypher.rows.members import (
    ListedBlockedMember,
    ListedFollowed,
    ListedInvitation,
    Suggestion,
    ViewerAccount,
)
from resolvers.request.context import Context
from resolvers.request.pages import Page, fetch_page, page_size
from resolvers.rules.quota import Quota, invitation_quota

VIEWER_FOLLOWERS = cypher.query("viewer_followers", Counted[ListedSince])
VIEWER_FOLLOWING = cypher.query("viewer_following", Counted[ListedFollowed])
INVITATIONS_RECEIVED = cypher.query("invitations_received", Counted[ListedInvitation])
INVITATIONS_SENT = cypher.query("invitations_sent", Counted[ListedInvitation])
BLOCKED_MEMBERS = cypher.query("blocked_members", Counted[ListedBlockedMember])
VIEWER_CONVERSATIONS = cypher.query("viewer_conversations", Items[Listed])
PEOPLE_YOU_MAY_KNOW = cypher.Indexed(
    cypher.query("people_you_may_know", Suggestion),
    cypher.query("people_you_may_know_indexed", Suggestion),
)


Item = TypeVar("Item")


async def account(context: Context) -> ViewerAccount:
    """The viewer's own account: email, settings, credits, invitation log; read once."""
    return await context.loaders.account()


async def quota(context: Context) -> Quota:
    """R6: the weekly invitation quota left."""
    log = (await account(context))["invitationLog"] or []
    return invitation_quota(context.settings, log, context.now)


async def _own_list(
    context: Context, query: Query[Items[Item]], first: int | None, after: str | None
) -> Page[Item]:
    page = await fetch_page(context.db, query, first, after, viewer=context.require_viewer())
    assert page is not None  # the viewer's own lists are never hidden from the viewer
    return page


async def followers(context: Context, first: int | None, after: str | None) -> Page[ListedSince]:
    """R14."""
    return await _own_list(context, VIEWER_FOLLOWERS, first, after)


async def following(context: Context, first: int | None, after: str | None) -> Page[ListedFollowed]:
    """R14: members and companies; each item names its `kind`."""
    return await _own_list(context, VIEWER_FOLLOWING, first, after)


async def invitations_received(
    context: Context, first: int | None, after: str | None
) -> Page[ListedInvitation]:
    return await _own_list(context, INVITATIONS_RECEIVED, first, after)


async def invitations_sent(
    context: Context, first: int | None, after: str | None
) -> Page[ListedInvitation]:
    return await _own_list(context, INVITATIONS_SENT, first, after)


async def blocked(
    context: Context, first: int | None, after: str | None
) -> Page[ListedBlockedMember]:
    """R18: the members the viewer blocked."""
    return await _own_list(context, BLOCKED_MEMBERS, first, after)


async def conversations(context: Context, first: int | None, after: str | None) -> Page[Listed]:
    return await _own_list(context, VIEWER_CONVERSATIONS, first, after)


async def people_you_may_know(context: Context, first: int | None) -> list[Suggestion]:
    """R21: rows of `id`, `mutualCount` and `sample` (ids of some mutual connections)."""
    limit = page_size(first, default=10)
    return await context.db.read(
        PEOPLE_YOU_MAY_KNOW.on(context.db), viewer=context.require_viewer(), limit=limit
    )
