"""Test helpers that build a network through the public API, as clients would."""

from __future__ import annotations

import itertools
from typing import Any

from tests.support.client import Account, Api

SEND = """
mutation ($input: SendInvitationInput!) {
  sendInvitation(input: $input) {
    member { handle relationship { isConnected } }
    errors { code field retryAfter }
  }
}
"""
INVITATION_ID = """
query ($handle: String!) {
  member(handle: $handle) { relationship { invitationSent { id } invitationReceived { id } } }
}
"""
ACCEPT = """
mutation ($id: ID!) {
  acceptInvitation(invitationId: $id) { member { handle } errors { code } }
}
"""
IGNORE = """
mutation ($id: ID!) { ignoreInvitation(invitationId: $id) { member { handle } errors { code } } }
"""
WITHDRAW = """
mutation ($id: ID!) { withdrawInvitation(invitationId: $id) { member { handle } errors { code } } }
"""
REMOVE = """
mutation ($id: ID!) { removeConnection(memberId: $id) { member { handle } errors { code } } }
"""
FOLLOW = "mutation ($id: ID!) { follow(id: $id) { errors { code } } }"
UNFOLLOW = "mutation ($id: ID!) { unfollow(id: $id) { errors { code } } }"
BLOCK = "mutation ($id: ID!) { block(memberId: $id) { blocked { handle } errors { code } } }"
UNBLOCK = "mutation ($id: ID!) { unblock(memberId: $id) { blocked { handle } errors { code } } }"
DISMISS = "mutation ($id: ID!) { dismissSuggestion(memberId: $id) { errors { code } } }"
UPDATE_SETTINGS = """
mutation ($input: UpdateSettingsInput!) { updateSettings(input: $input) { errors { code } } }
"""


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["errors"]]


async def invite(
    api: Api, inviter: Account, invitee: Account | str, **extra: Any
) -> dict[str, Any]:
    member_id = invitee if isinstance(invitee, str) else invitee.id
    variables = {"input": {"memberId": member_id, **extra}}
    payload: dict[str, Any] = (await api.data(SEND, variables, inviter.token))["sendInvitation"]
    return payload


async def invitation_between(api: Api, viewer: Account, other: Account, which: str) -> str:
    """The id of the invitation the viewer sent to (which='invitationSent') or received from
    ('invitationReceived') the other member, as the viewer sees it."""
    data = await api.data(INVITATION_ID, {"handle": other.handle}, viewer.token)
    invitation = data["member"]["relationship"][which]
    assert invitation is not None, (viewer.handle, other.handle, which)
    return str(invitation["id"])


async def mutate(api: Api, query: str, viewer: Account, **variables: Any) -> dict[str, Any]:
    data = await api.data(query, variables, viewer.token)
    payload: dict[str, Any] = next(iter(data.values()))
    return payload


async def connect(api: Api, a: Account, b: Account) -> None:
    assert codes(await invite(api, a, b)) == []
    invitation = await invitation_between(api, b, a, "invitationReceived")
    assert codes(await mutate(api, ACCEPT, b, id=invitation)) == []


async def chain(api: Api, members: list[Account]) -> None:
    """Connect each member to the next: a path a-b-c-..."""
    for a, b in itertools.pairwise(members):
        await connect(api, a, b)


async def settings(api: Api, member: Account, **changes: Any) -> None:
    assert codes(await mutate(api, UPDATE_SETTINGS, member, input=changes)) == []
