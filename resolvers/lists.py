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
    }[which]
    return await fetch_page(context.db, query, first, after, viewer=viewer)
