"""The contract's enums. Values are stored in Neo4j under the same names."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="The main button a member chose for their profile (R1).")
class ProfileButton(Enum):
    CONNECT = "CONNECT"
    FOLLOW = "FOLLOW"


@strawberry.enum
class ConnectionsVisibility(Enum):
    CONNECTIONS = "CONNECTIONS"
    ONLY_ME = "ONLY_ME"


@strawberry.enum
class InvitationPolicy(Enum):
    EVERYONE = "EVERYONE"
    KNOWS_EMAIL = "KNOWS_EMAIL"


@strawberry.enum
class WhoCanFollow(Enum):
    EVERYONE = "EVERYONE"
    CONNECTIONS = "CONNECTIONS"


@strawberry.enum(description="Distance of a member from the viewer over connections (R10).")
class Degree(Enum):
    SELF = "SELF"
    FIRST = "FIRST"
    SECOND = "SECOND"
    THIRD = "THIRD"
    OUT_OF_NETWORK = "OUT_OF_NETWORK"


@strawberry.enum(
    description="A button a client shows to the viewer on a profile or company page (R2)."
)
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


@strawberry.enum
class Audience(Enum):
    ANYONE = "ANYONE"
    CONNECTIONS = "CONNECTIONS"


@strawberry.enum
class ConversationKind(Enum):
    DIRECT = "DIRECT"
    INMAIL = "INMAIL"
