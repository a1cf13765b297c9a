"""The served Schema: Query and Mutation wired to the resolvers."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import DocumentNode, GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from resolvers import accounts, companies, members, messaging, network, posts
from resolvers.context import Info
from schema.accounts import (
    AuthPayload,
    MemberPayload,
    SettingsPayload,
    SignInInput,
    SignOutPayload,
    SignUpInput,
    UpdateProfileInput,
    UpdateSettingsInput,
)
from schema.caches import LruByText, ParseByText, ValidationByText
from schema.content import Conversation, Message, Post
from schema.extensions import MaskUnexpectedErrors
from schema.guards import ConfirmSessionBeforeWrites, RequestGuards
from schema.members import Company, Member, MemberConnection, Node
from schema.network import (
    BlockPayload,
    FollowPayload,
    RelationshipPayload,
    SendInvitationInput,
)
from schema.posts import (
    CompanyPayload,
    CreateCompanyInput,
    CreatePostInput,
    DeletePayload,
    MessagePayload,
    PostPayload,
    SendInMailInput,
    SendMessageInput,
    SharePostInput,
)
from schema.viewer import Viewer
from settings import Settings


@strawberry.type
class Query:
    @strawberry.field
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await members.node(info, id)

    @strawberry.field(description="Null when not signed in.")
    async def viewer(self, info: Info) -> Viewer | None:
        return await members.viewer(info)

    @strawberry.field
    async def member(self, info: Info, handle: str) -> Member | None:
        return await members.member(info, handle)

    @strawberry.field
    async def company(self, info: Info, handle: str) -> Company | None:
        return await members.company(info, handle)

    @strawberry.field(
        description="Members by name or headline; each result carries the viewer's degree and "
        "actions (R22)."
    )
    async def search_members(
        self, info: Info, query: str, first: int | None = 20, after: str | None = None
    ) -> MemberConnection:
        return await members.search_members(info, query, first, after)


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def sign_up(self, info: Info, input: SignUpInput) -> AuthPayload:
        return await accounts.sign_up(info, input)

    @strawberry.mutation
    async def sign_in(self, info: Info, input: SignInInput) -> AuthPayload:
        return await accounts.sign_in(info, input)

    @strawberry.mutation(description="Ends every token of the signed-in member (R24).")
    async def sign_out(self, info: Info) -> SignOutPayload:
        return await accounts.sign_out(info)

    @strawberry.mutation
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> MemberPayload:
        return await members.update_profile(info, input)

    @strawberry.mutation
    async def update_settings(self, info: Info, input: UpdateSettingsInput) -> SettingsPayload:
        return await members.update_settings(info, input)

    @strawberry.mutation
    async def send_invitation(self, info: Info, input: SendInvitationInput) -> RelationshipPayload:
        return await network.send_invitation(info, input)

    @strawberry.mutation
    async def accept_invitation(
        self, info: Info, invitation_id: strawberry.ID
    ) -> RelationshipPayload:
        return await network.accept_invitation(info, invitation_id)

    @strawberry.mutation
    async def ignore_invitation(
        self, info: Info, invitation_id: strawberry.ID
    ) -> RelationshipPayload:
        return await network.ignore_invitation(info, invitation_id)

    @strawberry.mutation
    async def withdraw_invitation(
        self, info: Info, invitation_id: strawberry.ID
    ) -> RelationshipPayload:
        return await network.withdraw_invitation(info, invitation_id)

    @strawberry.mutation
    async def remove_connection(self, info: Info, member_id: strawberry.ID) -> RelationshipPayload:
        return await network.remove_connection(info, member_id)

    @strawberry.mutation
    async def dismiss_suggestion(self, info: Info, member_id: strawberry.ID) -> RelationshipPayload:
        return await network.dismiss_suggestion(info, member_id)

    @strawberry.mutation(description="Follow a member or a company.")
    async def follow(self, info: Info, id: strawberry.ID) -> FollowPayload:
        return await network.follow(info, id)

    @strawberry.mutation
    async def unfollow(self, info: Info, id: strawberry.ID) -> FollowPayload:
        return await network.unfollow(info, id)

    @strawberry.mutation
    async def block(self, info: Info, member_id: strawberry.ID) -> BlockPayload:
        return await network.block(info, member_id)

    @strawberry.mutation
    async def unblock(self, info: Info, member_id: strawberry.ID) -> BlockPayload:
        return await network.unblock(info, member_id)

    @strawberry.mutation
    async def create_post(self, info: Info, input: CreatePostInput) -> PostPayload:
        return await posts.create_post(info, input)

    @strawberry.mutation
    async def share_post(self, info: Info, input: SharePostInput) -> PostPayload:
        return await posts.share_post(info, input)

    @strawberry.mutation
    async def delete_post(self, info: Info, post_id: strawberry.ID) -> DeletePayload:
        return await posts.delete_post(info, post_id)

    @strawberry.mutation(
        description="A message to a connection, or within a conversation that holds an InMail "
        "(R12, R16)."
    )
    async def send_message(self, info: Info, input: SendMessageInput) -> MessagePayload:
        return await messaging.send_message(info, input)

    @strawberry.mutation
    async def send_in_mail(self, info: Info, input: SendInMailInput) -> MessagePayload:
        return await messaging.send_inmail(info, input)

    @strawberry.mutation
    async def create_company(self, info: Info, input: CreateCompanyInput) -> CompanyPayload:
        return await companies.create_company(info, input)

    @strawberry.mutation
    async def add_company_admin(
        self, info: Info, company_id: strawberry.ID, member_id: strawberry.ID
    ) -> CompanyPayload:
        return await companies.add_company_admin(info, company_id, member_id)

    @strawberry.mutation(description="State (companyId) or clear (null) where the viewer works.")
    async def set_workplace(
        self, info: Info, company_id: strawberry.ID | None = None
    ) -> MemberPayload:
        return await companies.set_workplace(info, company_id)


# Distinct query texts whose parsed document and validation result are kept.
QUERY_CACHE_SIZE = 256


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with the deployment's limits (docs/security.md)."""
    parsed: LruByText[DocumentNode] = LruByText(QUERY_CACHE_SIZE)
    validated: LruByText[list[GraphQLError]] = LruByText(QUERY_CACHE_SIZE)
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: ParseByText(parsed),
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: RequestGuards(settings),
        ConfirmSessionBeforeWrites,
        lambda: ValidationByText(validated),
        lambda: MaskUnexpectedErrors(suggestions=settings.introspection),
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[Member, Company, Post, Conversation, Message],
        extensions=extensions,
    )


# The schema as the exported schema.graphql shows it (the limits do not change its types).
schema = build_schema(Settings())
