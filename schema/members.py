"""Members and what the viewer sees of them: cards, degree, relationship, actions, lists."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from resolvers import lists, paths
from resolvers.actions import Actions, ProfileState, company_actions, member_actions
from resolvers.context import Info
from resolvers.pages import Page
from schema import ids
from schema.enums import (
    ConnectionsVisibility,
    Degree,
    InvitationPolicy,
    ProfileButton,
    ViewerAction,
    WhoCanFollow,
)
from schema.lookahead import asks_counts, relation_need
from schema.pages import PageInfo, by_id, loaded

if TYPE_CHECKING:
    from schema.content import PostConnection


def native_datetime(value: Any) -> datetime:
    """A Neo4j temporal value, or epoch milliseconds, as a Python datetime. The hot queries
    answer epoch milliseconds: the driver builds each DateTime in pure Python, about 0.2 ms a
    value, which came to several milliseconds for a feed page."""
    if isinstance(value, int):
        return datetime.fromtimestamp(value / 1000, UTC)
    return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]


def optional_datetime(value: Any) -> datetime | None:
    return None if value is None else native_datetime(value)


@strawberry.interface
class Node:
    id: strawberry.ID


@strawberry.type
class ViewerActions:
    primary: ViewerAction | None
    secondary: list[ViewerAction]

    @classmethod
    def of(cls, actions: Actions) -> ViewerActions:
        return cls(primary=actions.primary, secondary=actions.secondary)


@strawberry.type
class Invitation(Node):
    from_id: strawberry.Private[str]
    to_id: strawberry.Private[str]
    message: str | None
    sent_at: datetime

    @strawberry.field(name="from")
    async def from_(self, info: Info) -> Member:
        return await require_member(info, self.from_id)

    @strawberry.field
    async def to(self, info: Info) -> Member:
        return await require_member(info, self.to_id)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Invitation:
        return cls(
            id=ids.encode("Invitation", record["id"]),
            from_id=record["fromId"],
            to_id=record["toId"],
            message=record["message"],
            sent_at=native_datetime(record["sentAt"]),
        )


@strawberry.type(description="How the viewer stands with a member.")
class Relationship:
    degree: Degree
    is_connected: bool
    connected_since: datetime | None
    is_following: bool = strawberry.field(description="The viewer follows the member.")
    is_followed_by: bool = strawberry.field(description="The member follows the viewer.")
    invitation_sent: Invitation | None
    invitation_received: Invitation | None
    mutual_connection_count: int
    can_message: bool
    can_view_connections: bool

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Relationship:
        sent, received = record["invitationSent"], record["invitationReceived"]
        return cls(
            degree=Degree(record["degree"]),
            is_connected=record["isConnected"],
            connected_since=optional_datetime(record["connectedSince"]),
            is_following=record["isFollowing"],
            is_followed_by=record["isFollowedBy"],
            invitation_sent=Invitation.from_record(sent) if sent else None,
            invitation_received=Invitation.from_record(received) if received else None,
            mutual_connection_count=record["mutualConnectionCount"],
            can_message=record["canMessage"],
            can_view_connections=record["canViewConnections"],
        )


def profile_state(record: Mapping[str, Any]) -> ProfileState:
    return ProfileState(
        is_self=record["degree"] == "SELF",
        connected=record["isConnected"],
        following=record["isFollowing"],
        invitation_sent=record["invitationSent"] is not None,
        invitation_received=record["invitationReceived"] is not None,
        chosen_button=ProfileButton(record["primaryButton"]),
        can_connect=record["canConnect"],
        can_follow=record["canFollow"],
        can_inmail=record["canInMail"],
    )


@strawberry.type
class Member(Node):
    key: strawberry.Private[str]
    handle: str
    name: str
    headline: str | None
    primary_button: ProfileButton
    joined_at: datetime
    works_at_id: strawberry.Private[str | None]
    # The card's counts where its query counted (a profile page), else None: counted on demand.
    counts: strawberry.Private[Mapping[str, Any] | None]

    @strawberry.field(description="Followers, without follows hidden by R13.")
    async def follower_count(self, info: Info) -> int:
        return int((await self._counts(info))["followerCount"])

    @strawberry.field(description="Members and companies followed, without follows hidden by R13.")
    async def following_count(self, info: Info) -> int:
        return int((await self._counts(info))["followingCount"])

    @strawberry.field
    async def connection_count(self, info: Info) -> int:
        return int((await self._counts(info))["connectionCount"])

    @strawberry.field(description="The member's current workplace (R20).")
    async def works_at(self, info: Info) -> Company | None:
        return await load_company(info, self.works_at_id) if self.works_at_id else None

    @strawberry.field(description="The member's posts that the viewer may see (R17), newest first.")
    async def posts(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Annotated[PostConnection, strawberry.lazy("schema.content")]:
        from schema.content import PostConnection  # that module imports this one

        return await PostConnection.of(
            info, await lists.member_posts(info.context, self.key, first, after)
        )

    @strawberry.field(description="Null for anonymous viewers.")
    async def degree(self, info: Info) -> Degree | None:
        if info.context.viewer_id is None:
            return None
        degree = await info.context.loaders.degree(self.key)
        return Degree(degree) if degree else None

    @strawberry.field(description="Null for anonymous viewers.")
    async def relationship(self, info: Info) -> Relationship | None:
        relation = await self._relation(info)
        return Relationship.from_record(relation) if relation else None

    @strawberry.field
    async def actions(self, info: Info) -> ViewerActions:
        relation = await self._relation(info)
        return ViewerActions.of(member_actions(profile_state(relation) if relation else None))

    @strawberry.field(description="Null when the list is hidden from the viewer (R11).")
    async def connections(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> MemberConnection | None:
        if info.context.viewer_id is None:
            return None
        page = await lists.connections(info.context, self.key, first, after)
        return await MemberConnection.of(info, page) if page else None

    @strawberry.field
    async def mutual_connections(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> MemberConnection:
        if info.context.viewer_id is None:
            return MemberConnection.empty()
        page = await lists.mutual_connections(info.context, self.key, first, after)
        return await MemberConnection.of(info, page) if page else MemberConnection.empty()

    @strawberry.field(
        description="One shortest path of connections from the viewer to this member, both "
        "ends included, for degree 2 and 3; for degree 3 the member after the viewer's "
        "connection is always null (R23)."
    )
    async def path_from_viewer(self, info: Info) -> list[Member | None] | None:
        if info.context.viewer_id is None:
            return None
        path = await paths.path_from_viewer(info.context, self.key)
        if path is None:
            return None
        return list(await asyncio.gather(*(load_optional_member(info, key) for key in path)))

    async def _relation(self, info: Info) -> Mapping[str, Any] | None:
        if info.context.viewer_id is None:
            return None
        return await info.context.loaders.relations.load(self.key)

    async def _counts(self, info: Info) -> Mapping[str, Any]:
        if self.counts is None:  # not looked ahead for (see load_member): one batched query
            self.counts = await info.context.loaders.counted_cards.load(self.key)
            if self.counts is None:  # blocked or deleted since its card was read
                raise LookupError(f"member {self.key} vanished")
        return self.counts

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Member:
        return cls(
            id=ids.encode("Member", record["id"]),
            key=record["id"],
            handle=record["handle"],
            name=record["name"],
            headline=record["headline"],
            primary_button=ProfileButton(record["primaryButton"]),
            joined_at=native_datetime(record["joinedAt"]),
            works_at_id=record["worksAtId"],
            counts=record if record["connectionCount"] is not None else None,
        )


@strawberry.type
class MemberEdge:
    cursor: str
    node: Member
    since: datetime | None = strawberry.field(
        description="When the relationship behind this list began (connection, follow), "
        "where there is one."
    )


@strawberry.type
class MemberConnection:
    edges: list[MemberEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def empty(cls) -> MemberConnection:
        return cls(edges=[], page_info=PageInfo.of(Page([], False, 0)), total_count=0)

    @classmethod
    async def of(cls, info: Info, page: Page) -> MemberConnection:
        edges = [
            MemberEdge(cursor=cursor, node=member, since=optional_datetime(item.get("since")))
            for cursor, item, member in await loaded(page, by_id(load_member, info))
        ]
        return cls(edges=edges, page_info=PageInfo.of(page), total_count=page.total)


@strawberry.type
class Company(Node):
    key: strawberry.Private[str]
    handle: str
    name: str
    description: str | None
    follower_count: int

    @strawberry.field(description="Null for anonymous viewers.")
    async def is_following(self, info: Info) -> bool | None:
        relation = await self._relation(info)
        return bool(relation["isFollowing"]) if relation else None

    @strawberry.field
    async def is_admin(self, info: Info) -> bool:
        relation = await self._relation(info)
        return bool(relation and relation["isAdmin"])

    @strawberry.field
    async def actions(self, info: Info) -> ViewerActions:
        return ViewerActions.of(company_actions(await self.is_following(info)))

    @strawberry.field
    async def posts(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Annotated[PostConnection, strawberry.lazy("schema.content")]:
        from schema.content import PostConnection  # that module imports this one

        return await PostConnection.of(
            info, await lists.company_posts(info.context, self.key, first, after)
        )

    @strawberry.field(description="Visible to the company's admins only (R20).")
    async def followers(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> MemberConnection | None:
        page = await lists.company_followers(info.context, self.key, first, after)
        return await MemberConnection.of(info, page) if page else None

    @strawberry.field(description="Visible to the company's admins only (R20).")
    async def admins(self, info: Info) -> list[Member] | None:
        admin_ids = await lists.company_admins(info.context, self.key)
        if admin_ids is None:
            return None
        members = await asyncio.gather(*(load_member(info, key) for key in admin_ids))
        return [member for member in members if member is not None]

    @strawberry.field
    async def employees(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> MemberConnection:
        page = await lists.company_employees(info.context, self.key, first, after)
        return await MemberConnection.of(info, page) if page else MemberConnection.empty()

    async def _relation(self, info: Info) -> Mapping[str, Any] | None:
        if info.context.viewer_id is None:
            return None
        return await info.context.loaders.company_relations.load(self.key)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Company:
        return cls(
            id=ids.encode("Company", record["id"]),
            key=record["id"],
            handle=record["handle"],
            name=record["name"],
            description=record["description"],
            follower_count=record["followerCount"],
        )


async def load_company(info: Info, company_id: str) -> Company | None:
    record = await info.context.loaders.company_cards.load(company_id)
    return Company.from_record(record) if record else None


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
    """The member's card as the viewer may see it (None when missing or hidden by a block),
    counted when the selection asks for counts. When the selection will ask for the viewer's
    relation too, that load starts now, in the same batch tick as the card's, so the two
    queries run side by side."""
    loaders = info.context.loaders
    if info.context.viewer_id is not None:
        loaders.start_relation(member_id, relation_need(info))
    record = await loaders.card(member_id, asks_counts(info))
    return Member.from_record(record) if record else None


async def load_optional_member(info: Info, member_id: str | None) -> Member | None:
    return await load_member(info, member_id) if member_id else None


async def require_member(info: Info, member_id: str) -> Member:
    """A member that must be visible here (the viewer's own invitations, the viewer)."""
    member = await load_member(info, member_id)
    if member is None:  # deleted between two queries of one request
        raise LookupError(f"member {member_id} vanished")
    return member
