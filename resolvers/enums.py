"""The network's enumerations, as plain Python enums: the work decides with them, Neo4j stores
their values under the same names, and schema.enums serves them as the contract's GraphQL enums.
"""

from __future__ import annotations

from enum import Enum


class ProfileButton(Enum):
    CONNECT = "CONNECT"
    FOLLOW = "FOLLOW"


class ConnectionsVisibility(Enum):
    CONNECTIONS = "CONNECTIONS"
    ONLY_ME = "ONLY_ME"


class InvitationPolicy(Enum):
    EVERYONE = "EVERYONE"
    KNOWS_EMAIL = "KNOWS_EMAIL"


class WhoCanFollow(Enum):
    EVERYONE = "EVERYONE"
    CONNECTIONS = "CONNECTIONS"


class Degree(Enum):
    SELF = "SELF"
    FIRST = "FIRST"
    SECOND = "SECOND"
    THIRD = "THIRD"
    OUT_OF_NETWORK = "OUT_OF_NETWORK"


class ViewerAction(Enum):
    EDIT_PROFILE = "EDIT_PROFILE"
    CONNECT = "CONNECT"
    FOLLOW = "FOLLOW"
    UNFOLLOW = "UNFOLLOW"
    MESSAGE = "MESSAGE"
    INMAIL = "INMAIL"
    PENDING = "PENDING"
    WITHDRAW = "WITHDRAW"
    ACCEPT = "ACCEPT"
    IGNORE = "IGNORE"
    REMOVE_CONNECTION = "REMOVE_CONNECTION"
    BLOCK = "BLOCK"


class Audience(Enum):
    ANYONE = "ANYONE"
    CONNECTIONS = "CONNECTIONS"


class ConversationKind(Enum):
    DIRECT = "DIRECT"
    INMAIL = "INMAIL"


class NotificationKind(Enum):
    INVITATION_RECEIVED = "INVITATION_RECEIVED"
    INVITATION_ACCEPTED = "INVITATION_ACCEPTED"
    NEW_FOLLOWER = "NEW_FOLLOWER"
    MESSAGE_RECEIVED = "MESSAGE_RECEIVED"
    POST_SHARED = "POST_SHARED"


class Capability(Enum):
    """What the viewer can do with a member, or what reaches the member from the viewer (R29)."""

    MESSAGE = "MESSAGE"
    INMAIL = "INMAIL"
    SEE_THEIR_POSTS = "SEE_THEIR_POSTS"
    SEE_THEIR_CONNECTIONS_ONLY_POSTS = "SEE_THEIR_CONNECTIONS_ONLY_POSTS"
    THEY_SEE_YOUR_POSTS = "THEY_SEE_YOUR_POSTS"
    SEE_THEIR_CONNECTIONS = "SEE_THEIR_CONNECTIONS"
