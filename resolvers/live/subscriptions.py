"""The subscriptions' work (R27): admitting a socket, and the ids each subscription delivers.

A socket is admitted when its connection_init carries a valid token and its member has a free
socket slot (resolvers.live.sockets); its context then names the member, as an HTTP request's does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from resolvers.access.session import check_session
from resolvers.access.tokens import bearer_token, read_token
from resolvers.errors import NotFound, Unauthenticated
from resolvers.live.sockets import LiveSocket
from resolvers.request import ids
from resolvers.request.context import Context, Live


class SocketLimit(Exception):
    """The member has every socket slot in use, on this process or others."""


def _live(context: Context) -> Live:
    assert context.services.live is not None, "subscriptions are served only by the app"
    return context.services.live


async def admit(context: Context) -> None:
    """Unauthenticated for a missing, bad or expired token or one whose session ended (R24);
    SocketLimit when the member has no free slot; else the socket is the member's."""
    assert context.close_socket is not None  # set by the socket's handler (server/websocket.py)
    params: dict[str, Any] = context.connection_params or {}
    header = params.get("Authorization") or params.get("authorization")
    token = bearer_token(header if isinstance(header, str) else None)
    if token is None:
        raise Unauthenticated("Send the token in connection_init: {Authorization: Bearer ...}.")
    claims = read_token(context.settings, token)
    await check_session(context.db, claims)
    socket = LiveSocket(claims, context.close_socket)
    if not await _live(context).sockets.take_slot(socket):
        raise SocketLimit
    context.viewer_id, context.socket = claims.member_id, socket
    context.refresh()


async def release(context: Context) -> None:
    """The socket closed: its slot is free again."""
    if context.socket is not None:
        await _live(context).sockets.give_back(context.socket)


async def _confirm_session(context: Context) -> None:
    """Each subscription starts only while the socket's session stands (R24), as an HTTP
    request answers only then; after it, the socket watcher ends the socket (R27)."""
    if context.socket is None:
        raise Unauthenticated("Sign in to do this.")
    await check_session(context.db, context.socket.claims)


async def notifications(context: Context) -> AsyncIterator[str]:
    """The ids of the viewer's notifications as they are committed."""
    await _confirm_session(context)
    async for key in _live(context).hub.notifications(context.require_viewer()):
        context.refresh()
        yield key


async def messages(context: Context, conversation_id: str) -> AsyncIterator[str]:
    """The ids of a conversation's messages as they are committed; NOT_FOUND unless the viewer
    takes part in it."""
    await _confirm_session(context)
    _, conversation = ids.decode_as(conversation_id, "Conversation")
    if await context.loaders.conversations.load(conversation) is None:
        raise NotFound("No such conversation of yours.")
    async for key in _live(context).hub.messages(conversation):
        context.refresh()
        yield key
