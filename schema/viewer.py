"""The signed-in member's own view: account, settings, inbox, lists, suggestions, quota."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

import strawberry

from cypher.database import Row
from resolvers import lists, suggestions
from resolvers.context import Info
from resolvers.pages import Page, encode_cursor
from resolvers.quota import invitation_quota
from schema import ids
from schema.content import ConversationConnection, PostConnection
from schema.members import (
    Company,
    Invitation,
    Member,
    MemberConnection,
    MemberSettings,
    load_member,
    native_datetime,
    optional_datetime,
    require_member,
)
from schema.pages import PageInfo, loaded

Followable = Annotated[Member | Company, strawberry.union("Followable")]


@strawberry.type
class FollowableEdge:
    cursor: str
    node: Followable
    since: datetime | None


@strawberry.type
class FollowableConnection:
    edges: list[FollowableEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type
class InvitationEdge:
    cursor: str
    node: Invitation


@strawberry.type
class InvitationConnection:
    edges: list[InvitationEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def of(cls, page: Page) -> InvitationConnection:
        edges = [
            InvitationEdge(cursor=encode_cursor(item["cursor"]), node=Invitation.from_record(item))
            for item in page.items
        ]
        return cls(edges=edges, page_info=PageInfo.of(page), total_count=page.total)


@strawberry.type
class BlockedMember:
    member_id: strawberry.ID
    handle: str
    name: str
    blocked_at: datetime

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> BlockedMember:
        return cls(
            member_id=ids.encode("Member", record["id"]),
            handle=record["handle"],
            name=record["name"],
            blocked_at=native_datetime(record["blockedAt"]),
        )


@strawberry.type
class BlockedMemberEdge:
    cursor: str
    node: BlockedMember


@strawberry.type
class BlockedMemberConnection:
    edges: list[BlockedMemberEdge]
    page_info: PageInfo


@strawberry.type(description="A member the viewer may know, with the evidence (R21).")
class Suggestion:
    member: Member
    mutual_connection_count: int
    mutual_sample: list[Member]


@strawberry.type
class InvitationQuota:
    limit: int
    remaining: int
    resets_at: datetime | None = strawberry.field(
        description="When the next invitation slot frees up; null while some remain."
    )


async def load_followable(info: Info, item: Mapping[str, Any]) -> Member | Company | None:
    if item["kind"] == "Company":
        record = await info.context.loaders.company_cards.load(item["id"])
        return Company.from_record(record) if record else None
    return await load_member(info, item["id"])


@strawberry.type(description="The signed-in member's own view.")
class Viewer:
    """The account (email, settings, credits, quota) is read only when one of its fields is
    asked for: a feed or a list of suggestions does not need it."""

    member_id: strawberry.Private[str]

    @strawberry.field
    async def email(self, info: Info) -> str:
        return str((await info.context.loaders.account())["email"])

    @strawberry.field
    async def settings(self, info: Info) -> MemberSettings:
        return MemberSettings.from_record(await info.context.loaders.account())

    @strawberry.field
    async def in_mail_credits(self, info: Info) -> int:
        return int((await info.context.loaders.account())["inMailCredits"])

    @strawberry.field
    async def member(self, info: Info) -> Member:
        return await require_member(info, self.member_id)

    @strawberry.field
    async def invitation_quota(self, info: Info) -> InvitationQuota:
        log = (await info.context.loaders.account())["invitationLog"] or []
        quota = invitation_quota(info.context.settings, log, info.context.now)
        return InvitationQuota(
            limit=quota.limit, remaining=quota.remaining, resets_at=quota.resets_at
        )

    @strawberry.field
    async def invitations_received(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> InvitationConnection:
        page = await self._page(info, "invitationsReceived", first, after)
        return InvitationConnection.of(page)

    @strawberry.field
    async def invitations_sent(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> InvitationConnection:
        return InvitationConnection.of(await self._page(info, "invitationsSent", first, after))

    @strawberry.field
    async def followers(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> MemberConnection:
        return await MemberConnection.of(info, await self._page(info, "followers", first, after))

    @strawberry.field
    async def following(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> FollowableConnection:
        page = await self._page(info, "following", first, after)
        nodes: list[tuple[str, Row, Member | Company]] = await loaded(
            page, functools.partial(load_followable, info)
        )
        edges = [
            FollowableEdge(cursor=cursor, node=node, since=optional_datetime(item["since"]))
            for cursor, item, node in nodes
        ]
        return FollowableConnection(
            edges=edges, page_info=PageInfo.of(page), total_count=page.total
        )

    @strawberry.field
    async def feed(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> PostConnection:
        return await PostConnection.of(
            info, await lists.feed(info.context, self.member_id, first, after)
        )

    @strawberry.field
    async def conversations(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ConversationConnection:
        return await ConversationConnection.of(
            info, await self._page(info, "conversations", first, after)
        )

    @strawberry.field
    async def blocked(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> BlockedMemberConnection:
        page = await self._page(info, "blocked", first, after)
        edges = [
            BlockedMemberEdge(
                cursor=encode_cursor(item["cursor"]), node=BlockedMember.from_record(item)
            )
            for item in page.items
        ]
        return BlockedMemberConnection(edges=edges, page_info=PageInfo.of(page))

    @strawberry.field
    async def people_you_may_know(self, info: Info, first: int | None = 10) -> list[Suggestion]:
        rows = await suggestions.people_you_may_know(info.context, self.member_id, first)
        return list(await asyncio.gather(*(_suggestion(info, row) for row in rows)))

    async def _page(self, info: Info, which: str, first: int | None, after: str | None) -> Page:
        page = await lists.viewer_list(info.context, which, self.member_id, first, after)
        assert page is not None  # the viewer's own lists are never hidden from the viewer
        return page


async def _suggestion(info: Info, row: Mapping[str, Any]) -> Suggestion:
    member, *sample = await asyncio.gather(
        require_member(info, row["id"]), *(require_member(info, key) for key in row["sample"])
    )
    return Suggestion(
        member=member, mutual_connection_count=row["mutualCount"], mutual_sample=sample
    )
