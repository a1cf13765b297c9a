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
