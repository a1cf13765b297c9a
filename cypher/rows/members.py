"""Members as the queries answer them: cards, the viewer's relation, settings, suggestions."""

from __future__ import annotations

from typing import TypedDict

from cypher.rows import Cursor, When


class MemberCard(TypedDict):
    id: str
    handle: str
    name: str
    headline: str | None
    primaryButton: str
    joinedAt: int
    worksAtId: str | None
    # Counted only where the query was asked to ($counts), else null.
    followerCount: int | None
    followingCount: int | None
    connectionCount: int | None


class MemberCards(TypedDict):
    """member_cards.cypher: the cards, and whether the request's token owner still exists."""

    rows: list[MemberCard]
    session: bool


class InvitationCard(TypedDict):
    id: str
    fromId: str
    toId: str
    message: str | None
    sentAt: When


class ListedInvitation(InvitationCard):
    cursor: Cursor


class MemberRelation(TypedDict):
    """How the viewer stands with one member (member_relations.cypher)."""

    id: str
    degree: str
    isConnected: bool
    connectedSince: int | None
    isFollowing: bool
    isFollowedBy: bool
    invitationSent: InvitationCard | None
    invitationReceived: InvitationCard | None
    mutualConnectionCount: int
    canViewConnections: bool
    canMessage: bool
    canInMail: bool
    connectNeedsEmail: bool
    primaryButton: str
    canFollow: bool
    canConnect: bool


class MemberRelations(TypedDict):
    rows: list[MemberRelation]


class MemberDegree(TypedDict):
    id: str
    degree: str


class MemberDegrees(TypedDict):
    rows: list[MemberDegree]


class MemberSettings(TypedDict):
    primaryButton: str
    connectionsVisibility: str
    invitationPolicy: str
    whoCanFollow: str
    openProfile: bool
    acceptsInMail: bool


class ViewerAccount(MemberSettings):
    id: str
    email: str
    inMailCredits: int
    invitationLog: list[int] | None


class PathFromViewer(TypedDict):
    """The ids from the viewer to the member; the withheld one null (R23)."""

    path: list[str | None]


class Suggestion(TypedDict):
    id: str
    mutualCount: int
    sample: list[str]


class BlockedMember(TypedDict):
    id: str
    handle: str
    name: str
    blockedAt: When


class ListedBlockedMember(BlockedMember):
    cursor: Cursor


class ListedFollowed(TypedDict):
    """A member or a company the viewer follows (`kind` says which)."""

    id: str
    kind: str
    since: When
    cursor: Cursor
