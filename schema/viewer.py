"""The signed-in member's own view: account, settings, inbox, lists, suggestions, quota."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cypher.rows import members as rows
from cypher.rows.members import ListedFollowed
from resolvers import posts, viewer
from resolvers.request.batching import all_settled
from schema.info import Info
from schema.members import Invitation, Member, MemberSettings
from schema.messaging import Conversation
from schema.network import BlockedMember, Followable
from schema.notifications import NotificationConnection
from schema.posts import Post
from schema.relay import (
    Connection,
    CountedConnection,
    DatedConnection,
    Node,
    by_id,
    from_rows,
    load_node,
)


@strawberry.type(description="A member the viewer may know, with the evidence (R21).")
class Suggestion:
    member: Member
    mutual_connection_count: int
    mutual_sample: list[Member]

    @classmethod
    async def all_of(cls, info: Info, suggested: list[rows.Suggestion]) -> list[Suggestion]:
        """The suggestions with their members and samples, loaded in one batch."""
        keys = list(dict.fromkeys(key for row in suggested for key in (row["id"], *row["sample"])))
        loaded = await all_settled([Member.soon(info, key) for key in keys])
        members = dict(zip(keys, loaded, strict=True))

        def member(key: str) -> Member:
            if (found := members[key]) is None:  # deleted between two queries of one request
                raise LookupError(f"member {key} vanished")
            return found

        return [
            cls(
                member=member(row["id"]),
                mutual_connection_count=row["mutualCount"],
                mutual_sample=[member(key) for key in row["sample"]],
            )
            for row in suggested
        ]


@strawberry.type
class InvitationQuota:
    limit: int
    remaining: int
    resets_at: datetime | None = strawberry.field(
        description="When the next invitation slot frees up; null while some remain."
    )


async def _followable(info: Info, item: ListedFollowed) -> Node | None:
    return await load_node(info, item["kind"], item["id"])


@strawberry.type(description="The signed-in member's own view.")
class Viewer:
    """The account (email, settings, credits, quota) is read only when one of its fields is
    asked for: a feed or a list of suggestions does not need it."""

    member_id: strawberry.Private[str]

    @strawberry.field
    async def email(self, info: Info) -> str:
        return str((await viewer.account(info.context))["email"])

    @strawberry.field
    async def settings(self, info: Info) -> MemberSettings:
        return MemberSettings.from_record(await viewer.account(info.context))

    @strawberry.field
    async def in_mail_credits(self, info: Info) -> int:
        return int((await viewer.account(info.context))["inMailCredits"])

    @strawberry.field
    async def member(self, info: Info) -> Member:
        return await Member.require(info, self.member_id)

    @strawberry.field
    async def invitation_quota(self, info: Info) -> InvitationQuota:
        quota = await viewer.quota(info.context)
        return InvitationQuota(
            limit=quota.limit, remaining=quota.remaining, resets_at=quota.resets_at
        )

    @strawberry.field
    async def invitations_received(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[Invitation]:
        page = await viewer.invitations_received(info.context, first, after)
        return await CountedConnection.of(page, from_rows(Invitation.from_record))

    @strawberry.field
    async def invitations_sent(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[Invitation]:
        page = await viewer.invitations_sent(info.context, first, after)
        return await CountedConnection.of(page, from_rows(Invitation.from_record))

    @strawberry.field
    async def followers(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> DatedConnection[Member]:
        page = await viewer.followers(info.context, first, after)
        return await DatedConnection.of(page, by_id(Member.soon, info))

    @strawberry.field
    async def following(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> DatedConnection[Followable]:
        page = await viewer.following(info.context, first, after)
        return await DatedConnection.of(page, lambda item: _followable(info, item))

    @strawberry.field
    async def feed(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[Post]:
        return await Post.feed(info, await posts.feed(info.context, first, after))

    @strawberry.field
    async def conversations(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[Conversation]:
        page = await viewer.conversations(info.context, first, after)
        return await Conversation.page(info, page)

    @strawberry.field
    async def blocked(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[BlockedMember]:
        page = await viewer.blocked(info.context, first, after)
        return await Connection.of(page, from_rows(BlockedMember.from_record))

    @strawberry.field(description="Newest first (R26).")
    async def notifications(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        unread_only: bool | None = False,
    ) -> NotificationConnection:
        return await NotificationConnection.of(info, first, after, bool(unread_only))

    @strawberry.field
    async def people_you_may_know(self, info: Info, first: int | None = 10) -> list[Suggestion]:
        return await Suggestion.all_of(info, await viewer.people_you_may_know(info.context, first))


@strawberry.type
class ViewerQuery:
    @strawberry.field(description="Null when not signed in.")
    async def viewer(self, info: Info) -> Viewer | None:
        """The token check found the member, so no query is needed until a field asks."""
        if info.context.viewer_id is None:
            return None
        return Viewer(member_id=info.context.viewer_id)
