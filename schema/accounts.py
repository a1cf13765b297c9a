"""Inputs and payloads of the account mutations (R24)."""

from __future__ import annotations

import strawberry

from schema.enums import ConnectionsVisibility, InvitationPolicy, ProfileButton, WhoCanFollow
from schema.errors import UserError
from schema.members import Member, MemberSettings


@strawberry.input
class SignUpInput:
    handle: str
    name: str
    email: str
    password: str
    headline: str | None = None


@strawberry.input
class SignInInput:
    email: str
    password: str


@strawberry.type
class AuthPayload:
    token: str | None = strawberry.field(description="A bearer token for the Authorization header.")
    member: Member | None
    errors: list[UserError]


@strawberry.type
class SignOutPayload:
    signed_out: bool
    errors: list[UserError]


@strawberry.input
class UpdateProfileInput:
    name: str | None = strawberry.UNSET
    headline: str | None = strawberry.UNSET


@strawberry.type
class MemberPayload:
    member: Member | None
    errors: list[UserError]


@strawberry.input
class UpdateSettingsInput:
    primary_button: ProfileButton | None = strawberry.UNSET
    connections_visibility: ConnectionsVisibility | None = strawberry.UNSET
    invitation_policy: InvitationPolicy | None = strawberry.UNSET
    who_can_follow: WhoCanFollow | None = strawberry.UNSET
    open_profile: bool | None = strawberry.UNSET
    accepts_in_mail: bool | None = strawberry.UNSET


@strawberry.type
class SettingsPayload:
    settings: MemberSettings | None
    errors: list[UserError]
