"""The Strawberry schema: Query and Mutation wired to the resolvers; `schema` is served."""

from __future__ import annotations

import strawberry

from resolvers import accounts, members
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
from schema.extensions import MaskUnexpectedErrors
from schema.members import Company, Member, Node, Viewer


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


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    types=[Member, Company],
    extensions=[MaskUnexpectedErrors],
)
