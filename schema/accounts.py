"""Signing up, in and out (R24)."""

from __future__ import annotations

import strawberry

from resolvers import accounts
from resolvers.accounts import SignedIn
from schema.errors import Payload, UserError
from schema.info import Info
from schema.members import Member
from schema.pipeline.lookahead import if_asked


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
class AuthPayload(Payload):
    token: str | None = strawberry.field(description="A bearer token for the Authorization header.")
    member: Member | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: SignedIn) -> AuthPayload:
        member = await if_asked(info, "member", lambda: Member.load(info, result.member_id))
        return cls(token=result.token, member=member, errors=[])


@strawberry.type
class SignOutPayload(Payload):
    signed_out: bool
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: None) -> SignOutPayload:
        return cls(signed_out=True, errors=[])


@strawberry.type
class AccountMutation:
    @strawberry.mutation
    async def sign_up(self, info: Info, input: SignUpInput) -> AuthPayload:
        work = accounts.sign_up(
            info.context, input.handle, input.name, input.email, input.password, input.headline
        )
        return await AuthPayload.answer(info, work)

    @strawberry.mutation
    async def sign_in(self, info: Info, input: SignInInput) -> AuthPayload:
        return await AuthPayload.answer(
            info, accounts.sign_in(info.context, input.email, input.password)
        )

    @strawberry.mutation(description="Ends every token of the signed-in member (R24).")
    async def sign_out(self, info: Info) -> SignOutPayload:
        return await SignOutPayload.answer(info, accounts.sign_out(info.context))
