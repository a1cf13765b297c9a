"""Members, their settings, the viewer's own view, and companies' public cards."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import strawberry

from resolvers.context import Info
from schema import ids
from schema.enums import ConnectionsVisibility, InvitationPolicy, ProfileButton, WhoCanFollow


def native_datetime(value: Any) -> datetime:
    """A Neo4j temporal value as a Python datetime."""
    return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]


@strawberry.interface
class Node:
    id: strawberry.ID


@strawberry.type
class Company(Node):
    handle: str
    name: str
    description: str | None
    follower_count: int

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Company:
        return cls(
            id=ids.encode("Company", record["id"]),
            handle=record["handle"],
            name=record["name"],
            description=record["description"],
            follower_count=record["followerCount"],
        )


@strawberry.type
class Member(Node):
    handle: str
    name: str
    headline: str | None
    primary_button: ProfileButton
    follower_count: int
    following_count: int
    connection_count: int
    joined_at: datetime
    works_at_id: strawberry.Private[str | None]

    @strawberry.field(description="The member's current workplace (R20).")
    async def works_at(self, info: Info) -> Company | None:
        if self.works_at_id is None:
            return None
        record = await info.context.loaders.company_cards.load(self.works_at_id)
        return Company.from_record(record) if record else None

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Member:
        return cls(
            id=ids.encode("Member", record["id"]),
            handle=record["handle"],
            name=record["name"],
            headline=record["headline"],
            primary_button=ProfileButton(record["primaryButton"]),
            follower_count=record["followerCount"],
            following_count=record["followingCount"],
            connection_count=record["connectionCount"],
            joined_at=native_datetime(record["joinedAt"]),
            works_at_id=record["worksAtId"],
        )


@strawberry.type(name="Settings")
class MemberSettings:
    primary_button: ProfileButton
    connections_visibility: ConnectionsVisibility
    invitation_policy: InvitationPolicy
    who_can_follow: WhoCanFollow
    open_profile: bool
    accepts_in_mail: bool

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> MemberSettings:
        return cls(
            primary_button=ProfileButton(record["primaryButton"]),
            connections_visibility=ConnectionsVisibility(record["connectionsVisibility"]),
            invitation_policy=InvitationPolicy(record["invitationPolicy"]),
            who_can_follow=WhoCanFollow(record["whoCanFollow"]),
            open_profile=record["openProfile"],
            accepts_in_mail=record["acceptsInMail"],
        )


async def load_member(info: Info, member_id: str) -> Member | None:
    record = await info.context.loaders.member_cards.load(member_id)
    return Member.from_record(record) if record else None


@strawberry.type(description="The signed-in member's own view.")
class Viewer:
    member_id: strawberry.Private[str]
    email: str
    settings: MemberSettings
    in_mail_credits: int

    @strawberry.field
    async def member(self, info: Info) -> Member:
        member = await load_member(info, self.member_id)
        if member is None:  # the account was deleted between two queries of one request
            raise LookupError(f"member {self.member_id} vanished")
        return member

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Viewer:
        return cls(
            member_id=record["id"],
            email=record["email"],
            settings=MemberSettings.from_record(record),
            in_mail_credits=record["inMailCredits"],
        )
