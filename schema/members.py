"""Members and what the viewer sees of them: cards, degree, relationship, actions, lists (R1-R3,
R10, R11, R23), invitations between members, and the viewer's profile and settings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

import strawberry

from cypher.rows import members as rows
from cypher.rows.members import InvitationCard, MemberCard, MemberRelation
from resolvers import members, posts
from resolvers.request.batching import Soon, all_settled, settled, then
from resolvers.request.clock import optional_datetime, to_datetime
from resolvers.rules import explain
from resolvers.rules.actions import Actions, ProfileState, member_actions
from schema.enums import (
    Capability,
    ConnectionsVisibility,
    Degree,
    ErrorCode,
    InvitationPolicy,
    ProfileButton,
    ViewerAction,
    WhoCanFollow,
)
from schema.errors import Payload, UserError
from schema.info import Info
from schema.pipeline.lookahead import asks_counts, if_asked, relation_need
from schema.relay import (
    Connection,
    DatedConnection,
    Node,
    by_id,
    global_id,
    load_node,
    load_page,
    node_type,
)

if TYPE_CHECKING:
    from schema.companies import Company
    from schema.posts import Post

Count = Literal["followerCount", "followingCount", "connectionCount"]
LazyCompany = Annotated["Company", strawberry.lazy("schema.companies")]
LazyPost = Annotated["Post", strawberry.lazy("schema.posts")]


@strawberry.type
class ViewerActions:
    primary: ViewerAction | None
    secondary: list[ViewerAction]

    @classmethod
    def of(cls, actions: Actions) -> ViewerActions:
        return cls(primary=actions.primary, secondary=actions.secondary)


@node_type
@strawberry.type
class Invitation(Node):
    from_id: strawberry.Private[str]
    to_id: strawberry.Private[str]
    message: str | None
    sent_at: datetime

    @strawberry.field(name="from")
    async def from_(self, info: Info) -> Member:
        return await Member.require(info, self.from_id)

    @strawberry.field
    async def to(self, info: Info) -> Member:
        return await Member.require(info, self.to_id)

    @classmethod
    def from_record(cls, record: InvitationCard) -> Invitation:
        return cls(
            id=global_id("Invitation", record["id"]),
            from_id=record["fromId"],
            to_id=record["toId"],
            message=record["message"],
            sent_at=to_datetime(record["sentAt"]),
        )

    @classmethod
    async def load(cls, info: Info, key: str) -> Invitation | None:
        if info.context.viewer_id is None:  # never public (R24)
            return None
        record = await info.context.loaders.invitations.load(key)
        return cls.from_record(record) if record else None


@strawberry.type(
    description="Connecting or following one member: what it needs and what it would grant (R29)."
)
class RelationshipOption:
    action: ViewerAction = strawberry.field(description="CONNECT or FOLLOW.")
    available: bool = strawberry.field(
        description="The viewer can take it now: the action would not be refused (connecting "
        "to a member whose invitationPolicy is KNOWS_EMAIL: with their address, see needsEmail)."
    )
    unavailable_because: ErrorCode | None = strawberry.field(
        description="The code the action would be refused with now; null when available."
    )
    needs_consent: bool = strawberry.field(
        description="It takes effect only once the member accepts (connecting; not when the "
        "member's own invitation is pending, which it accepts, R4)."
    )
    needs_email: bool = strawberry.field(description="It needs the member's e-mail address (R5).")
    grants: list[Capability] = strawberry.field(
        description="Exactly the capabilities the viewer has once the action has taken effect."
    )

    @classmethod
    def of(cls, option: explain.Option) -> RelationshipOption:
        return cls(
            action=option.action,
            available=option.available,
            unavailable_because=option.unavailable_because,
            needs_consent=option.needs_consent,
            needs_email=option.needs_email,
            grants=option.grants,
        )


@strawberry.type(description="How the viewer stands with a member.")
class Relationship:
    member_key: strawberry.Private[str]
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
    connect_needs_email: bool = strawberry.field(
        description="An invitation to the member must carry their e-mail address (their "
        "invitationPolicy is KNOWS_EMAIL, R5): a client asks for it before sending, since a "
        "refused attempt uses up one invitation of the weekly quota."
    )

    @classmethod
    def from_record(cls, record: MemberRelation) -> Relationship:
        sent, received = record["invitationSent"], record["invitationReceived"]
        return cls(
            member_key=record["id"],
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
            connect_needs_email=record["connectNeedsEmail"],
        )

    @strawberry.field(description="What the viewer can do with the member now (R29).")
    async def capabilities(self, info: Info) -> list[Capability]:
        return await members.capabilities(info.context, self.member_key)

    @strawberry.field(
        description="Connecting and following side by side; empty on the viewer's own profile "
        "(R29)."
    )
    async def options(self, info: Info) -> list[RelationshipOption]:
        return [
            RelationshipOption.of(o) for o in await members.options(info.context, self.member_key)
        ]


@node_type
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
    counts: strawberry.Private[MemberCard | None]

    @strawberry.field(description="Followers, without follows hidden by R13.")
    async def follower_count(self, info: Info) -> int:
        return await self._count(info, "followerCount")

    @strawberry.field(description="Members and companies followed, without follows hidden by R13.")
    async def following_count(self, info: Info) -> int:
        return await self._count(info, "followingCount")

    @strawberry.field
    async def connection_count(self, info: Info) -> int:
        return await self._count(info, "connectionCount")

    @strawberry.field(description="The member's current workplace (R20).")
    async def works_at(self, info: Info) -> LazyCompany | None:
        if not self.works_at_id:
            return None
        return await load_node(info, "Company", self.works_at_id)  # type: ignore[return-value]

    @strawberry.field(description="The member's posts that the viewer may see (R17), newest first.")
    async def posts(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[LazyPost]:
        page = await posts.member_posts(info.context, self.key, first, after)
        return await load_page(info, "Post", page)

    # A page's members answer these three at once: their rows were read beside the cards
    # (schema.pipeline.lookahead), so no coroutine is made for them (resolvers.request.batching).

    @strawberry.field(description="Null for anonymous viewers.", graphql_type=Degree | None)
    def degree(self, info: Info) -> Soon[Degree | None]:
        return then(members.degree(info.context, self.key), _degree)

    @strawberry.field(description="Null for anonymous viewers.", graphql_type=Relationship | None)
    def relationship(self, info: Info) -> Soon[Relationship | None]:
        return then(members.relation(info.context, self.key), _relationship)

    @strawberry.field(graphql_type=ViewerActions)
    def actions(self, info: Info) -> Soon[ViewerActions]:
        return then(members.relation(info.context, self.key), _actions)

    @strawberry.field(description="Null when the list is hidden from the viewer (R11).")
    async def connections(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> DatedConnection[Member] | None:
        page = await members.connections(info.context, self.key, first, after)
        return await DatedConnection.of(page, by_id(Member.soon, info)) if page else None

    @strawberry.field
    async def mutual_connections(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> DatedConnection[Member]:
        page = await members.mutual_connections(info.context, self.key, first, after)
        return await DatedConnection.of(page, by_id(Member.soon, info))

    @strawberry.field(
        description="One shortest path of connections from the viewer to this member, both "
        "ends included, for degree 2 and 3; for degree 3 the member after the viewer's "
        "connection is always null (R23)."
    )
    async def path_from_viewer(self, info: Info) -> list[Member | None] | None:
        path = await members.path_from_viewer(info.context, self.key)
        if path is None:
            return None
        return await all_settled([Member.soon(info, key) if key else None for key in path])

    async def _count(self, info: Info, column: Count) -> int:
        if self.counts is None:  # not looked ahead for (see load): one batched query
            self.counts = await members.counts(info.context, self.key)
            if self.counts is None:  # blocked or deleted since its card was read
                raise LookupError(f"member {self.key} vanished")
        count = self.counts[column]
        if count is None:  # a card read with counts has all three
            raise LookupError(f"member {self.key}'s card has no {column}")
        return count

    @classmethod
    def from_record(cls, record: MemberCard) -> Member:
        return cls(
            id=global_id("Member", record["id"]),
            key=record["id"],
            handle=record["handle"],
            name=record["name"],
            headline=record["headline"],
            primary_button=ProfileButton(record["primaryButton"]),
            joined_at=to_datetime(record["joinedAt"]),
            works_at_id=record["worksAtId"],
            counts=record if record["connectionCount"] is not None else None,
        )

    @classmethod
    async def load(cls, info: Info, key: str) -> Member | None:
        """The member's card as the viewer may see it (None when missing or hidden by a block),
        counted when the selection asks for counts, and the viewer's relation started beside it
        when the selection will ask for that (schema.pipeline.lookahead)."""
        return await settled(cls.soon(info, key))

    @classmethod
    def soon(cls, info: Info, key: str) -> Soon[Member | None]:
        """`load`, at once where the card is loaded already (a feed's authors)."""
        card = members.card(info.context, key, relation_need(info), asks_counts(info))
        return then(card, _member)

    @classmethod
    async def require(cls, info: Info, key: str) -> Member:
        """A member that must be visible here (the viewer's own invitations, the viewer)."""
        member = await cls.load(info, key)
        if member is None:  # deleted between two queries of one request
            raise LookupError(f"member {key} vanished")
        return member

    @classmethod
    async def by_handle(cls, info: Info, handle: str) -> Member | None:
        card = await members.by_handle(info.context, handle, relation_need(info), asks_counts(info))
        return cls.from_record(card) if card else None


def _member(record: MemberCard | None) -> Member | None:
    return Member.from_record(record) if record else None


def _degree(degree: str | None) -> Degree | None:
    return Degree(degree) if degree else None


def _relationship(relation: MemberRelation | None) -> Relationship | None:
    return Relationship.from_record(relation) if relation else None


def _actions(relation: MemberRelation | None) -> ViewerActions:
    state = ProfileState.from_relation(relation) if relation else None
    return ViewerActions.of(member_actions(state))


@strawberry.type(name="Settings")
class MemberSettings:
    primary_button: ProfileButton
    connections_visibility: ConnectionsVisibility
    invitation_policy: InvitationPolicy
    who_can_follow: WhoCanFollow
    open_profile: bool
    accepts_in_mail: bool

    @classmethod
    def from_record(cls, record: rows.MemberSettings) -> MemberSettings:
        return cls(
            primary_button=ProfileButton(record["primaryButton"]),
            connections_visibility=ConnectionsVisibility(record["connectionsVisibility"]),
            invitation_policy=InvitationPolicy(record["invitationPolicy"]),
            who_can_follow=WhoCanFollow(record["whoCanFollow"]),
            open_profile=record["openProfile"],
            accepts_in_mail=record["acceptsInMail"],
        )


@strawberry.input
class UpdateProfileInput:
    name: str | None = strawberry.UNSET
    headline: str | None = strawberry.UNSET


@strawberry.input
class UpdateSettingsInput:
    primary_button: ProfileButton | None = strawberry.UNSET
    connections_visibility: ConnectionsVisibility | None = strawberry.UNSET
    invitation_policy: InvitationPolicy | None = strawberry.UNSET
    who_can_follow: WhoCanFollow | None = strawberry.UNSET
    open_profile: bool | None = strawberry.UNSET
    accepts_in_mail: bool | None = strawberry.UNSET


def given(data: object) -> dict[str, Any]:
    """The fields of an input that the client gave (null included), by attribute name."""
    return {name: value for name, value in vars(data).items() if value is not strawberry.UNSET}


@strawberry.type
class MemberPayload(Payload):
    member: Member | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: str) -> Self:
        return cls(
            member=await if_asked(info, "member", lambda: Member.load(info, result)), errors=[]
        )


@strawberry.type
class SettingsPayload(Payload):
    settings: MemberSettings | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: rows.MemberSettings) -> SettingsPayload:
        return cls(settings=MemberSettings.from_record(result), errors=[])


@strawberry.type
class MemberQuery:
    @strawberry.field
    async def member(self, info: Info, handle: str) -> Member | None:
        return await Member.by_handle(info, handle)


@strawberry.type
class MemberMutation:
    @strawberry.mutation
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> MemberPayload:
        return await MemberPayload.answer(info, members.update_profile(info.context, given(input)))

    @strawberry.mutation
    async def update_settings(self, info: Info, input: UpdateSettingsInput) -> SettingsPayload:
        return await SettingsPayload.answer(
            info, members.update_settings(info.context, given(input))
        )
