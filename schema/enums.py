"""The contract's enums: the work's enums (resolvers.enums, resolvers.errors.ErrorCode) served
as GraphQL enums, with their descriptions. `strawberry.enum` marks the very classes the work
uses, so a value the work returns is already the value the schema serves; import them from here
so that they are marked before a schema is built."""

from __future__ import annotations

import strawberry

from resolvers.enums import (
    Audience,
    Capability,
    ConnectionsVisibility,
    ConversationKind,
    Degree,
    InvitationPolicy,
    NotificationKind,
    ProfileButton,
    ViewerAction,
    WhoCanFollow,
)
from resolvers.errors import ErrorCode

strawberry.enum(ProfileButton, description="The main button a member chose for their profile (R1).")
strawberry.enum(ConnectionsVisibility)
strawberry.enum(InvitationPolicy)
strawberry.enum(WhoCanFollow)
strawberry.enum(Degree, description="Distance of a member from the viewer over connections (R10).")
strawberry.enum(
    ViewerAction,
    description="A button a client shows to the viewer on a profile or company page (R2).",
)
strawberry.enum(Audience)
strawberry.enum(ConversationKind)
strawberry.enum(ErrorCode)
strawberry.enum(NotificationKind, description="What a notification tells the viewer (R26).")
strawberry.enum(
    Capability,
    description="Something the viewer can do with a member, or that reaches the member from the "
    "viewer (R29).",
)

__all__ = [
    "Audience",
    "Capability",
    "ConnectionsVisibility",
    "ConversationKind",
    "Degree",
    "ErrorCode",
    "InvitationPolicy",
    "NotificationKind",
    "ProfileButton",
    "ViewerAction",
    "WhoCanFollow",
]
