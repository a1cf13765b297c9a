"""The lists of the network, one keyset page per query, visibility decided in the query."""

from __future__ import annotations

import cypher
from resolvers.context import Context
from resolvers.pages import Page, fetch_page

MEMBER_CONNECTIONS = cypher.query("member_connections")
MUTUAL_CONNECTIONS = cypher.query("mutual_connections")
VIEWER_FOLLOWERS = cypher.query("viewer_followers")
VIEWER_FOLLOWING = cypher.query("viewer_following")
INVITATIONS_RECEIVED = cypher.query("invitations_received")
INVITATIONS_SENT = cypher.query("invitations_sent")
BLOCKED_MEMBERS = cypher.query("blocked_members")
VIEWER_CONVERSATIONS = cypher.query("viewer_conversations")
MEMBER_POSTS = cypher.query("member_posts")
COMPANY_POSTS = cypher.query("company_posts")
FEED = cypher.query("feed")
COMPANY_FOLLOWERS = cypher.query("company_followers")
COMPANY_EMPLOYEES = cypher.query("company_employees")
COMPANY_ADMINS = cypher.query("company_admins")


async def connections(
    context: Context, member: str, first: int | None, after: str | None
) -> Page | None:
    """R11: None when the list is hidden from the viewer."""
    return await fetch_page(
        context.db, MEMBER_CONNECTIONS, first, after, viewer=context.viewer_id, member=member
    )


async def mutual_connections(
    context: Context, member: str, first: int | None, after: str | None
) -> Page | None:
    return await fetch_page(
        context.db, MUTUAL_CONNECTIONS, first, after, viewer=context.viewer_id, member=member
    )


async def viewer_list(
    context: Context, which: str, viewer: str, first: int | None, after: str | None
) -> Page | None:
    query = {
        "followers": VIEWER_FOLLOWERS,
        "following": VIEWER_FOLLOWING,
        "invitationsReceived": INVITATIONS_RECEIVED,
        "invitationsSent": INVITATIONS_SENT,
        "blocked": BLOCKED_MEMBERS,
        "conversations": VIEWER_CONVERSATIONS,
    }[which]
    return await fetch_page(context.db, query, first, after, viewer=viewer)


async def member_posts(
    context: Context, member: str, first: int | None, after: str | None
) -> Page | None:
    """R17: the member's posts the viewer may see; none for anonymous callers (R24)."""
    if context.viewer_id is None:
        return None
    return await fetch_page(
        context.db, MEMBER_POSTS, first, after, viewer=context.viewer_id, member=member
    )


async def company_posts(
    context: Context, company: str, first: int | None, after: str | None
) -> Page | None:
    if context.viewer_id is None:
        return None
    return await fetch_page(context.db, COMPANY_POSTS, first, after, company=company)


async def feed(context: Context, viewer: str, first: int | None, after: str | None) -> Page | None:
    return await fetch_page(context.db, FEED, first, after, viewer=viewer)


async def company_followers(
    context: Context, company: str, first: int | None, after: str | None
) -> Page | None:
    """R20: None unless the viewer is one of the company's admins."""
    if context.viewer_id is None:
        return None
    return await fetch_page(
        context.db, COMPANY_FOLLOWERS, first, after, viewer=context.viewer_id, company=company
    )


async def company_employees(
    context: Context, company: str, first: int | None, after: str | None
) -> Page | None:
    if context.viewer_id is None:
        return None
    return await fetch_page(
        context.db, COMPANY_EMPLOYEES, first, after, viewer=context.viewer_id, company=company
    )


async def company_admins(context: Context, company: str) -> list[str] | None:
    """R20: the admins' ids, or None unless the viewer is one of them."""
    if context.viewer_id is None:
        return None
    row = await context.db.read_one(COMPANY_ADMINS, viewer=context.viewer_id, company=company)
    return list(row["ids"]) if row and row["ids"] is not None else None
