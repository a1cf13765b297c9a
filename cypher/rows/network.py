"""The state a connecting or following mutation decides on (resolvers.rules.network)."""

from __future__ import annotations

from typing import TypedDict


class PairStateRow(TypedDict):
    """The viewer and one member, as the rules of R4-R9, R13 and R18 ask about them."""

    isSelf: bool
    blocked: bool
    viewerBlocked: bool
    connected: bool
    sentId: str | None
    receivedId: str | None
    invitationPolicy: str
    emailKey: str
    whoCanFollow: str
    viewerConnections: int
    memberConnections: int
    invitationLog: list[int]
    withdrewAt: int | None


class InvitationStateRow(TypedDict):
    fromId: str
    toId: str
    fromConnections: int
    toConnections: int


class Followed(TypedDict):
    since: int
    created: bool


class RelationshipFacts(PairStateRow):
    """Everything R29's explanation reads of the viewer and one member: the connecting rules'
    state (PairStateRow), the messaging rules' (rows.messaging.MessageStateRow's columns), and
    the follows and settings the visibility rules read."""

    id: str
    hasInMail: bool
    acceptsInMail: bool
    openProfile: bool
    credits: int
    viewerFollows: bool
    memberFollows: bool
    viewerWhoCanFollow: str
    connectionsVisibility: str
