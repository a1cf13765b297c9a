"""Companies (R20): their pages, followers and admins as the viewer may see them, and the
company mutations."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import strawberry

from cypher.rows.companies import CompanyCard
from resolvers import companies
from resolvers.rules.actions import company_actions
from schema.errors import Payload, UserError
from schema.info import Info
from schema.members import Member, MemberPayload, ViewerActions
from schema.pipeline.lookahead import if_asked
from schema.relay import (
    Connection,
    DatedConnection,
    Node,
    by_id,
    global_id,
    load_page,
    node_type,
)

if TYPE_CHECKING:
    from schema.posts import Post

LazyPost = Annotated["Post", strawberry.lazy("schema.posts")]


@node_type
@strawberry.type
class Company(Node):
    key: strawberry.Private[str]
    handle: str
    name: str
    description: str | None
    follower_count: int

    @strawberry.field(description="Null for anonymous viewers.")
    async def is_following(self, info: Info) -> bool | None:
        relation = await companies.relation(info.context, self.key)
        return bool(relation["isFollowing"]) if relation else None

    @strawberry.field
    async def is_admin(self, info: Info) -> bool:
        relation = await companies.relation(info.context, self.key)
        return bool(relation and relation["isAdmin"])

    @strawberry.field
    async def actions(self, info: Info) -> ViewerActions:
        return ViewerActions.of(company_actions(await self.is_following(info)))

    @strawberry.field
    async def posts(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[LazyPost]:
        page = await companies.posts(info.context, self.key, first, after)
        return await load_page(info, "Post", page)

    @strawberry.field(description="Visible to the company's admins only (R20).")
    async def followers(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> DatedConnection[Member] | None:
        page = await companies.followers(info.context, self.key, first, after)
        return await DatedConnection.of(page, by_id(Member.soon, info)) if page else None

    @strawberry.field(description="Visible to the company's admins only (R20).")
    async def admins(self, info: Info) -> list[Member] | None:
        admin_ids = await companies.admins(info.context, self.key)
        if admin_ids is None:
            return None
        members = await asyncio.gather(*(Member.load(info, key) for key in admin_ids))
        return [member for member in members if member is not None]

    @strawberry.field
    async def employees(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> DatedConnection[Member]:
        page = await companies.employees(info.context, self.key, first, after)
        return await DatedConnection.of(page, by_id(Member.soon, info))

    @classmethod
    def from_record(cls, record: CompanyCard) -> Company:
        return cls(
            id=global_id("Company", record["id"]),
            key=record["id"],
            handle=record["handle"],
            name=record["name"],
            description=record["description"],
            follower_count=record["followerCount"],
        )

    @classmethod
    async def load(cls, info: Info, key: str) -> Company | None:
        record = await companies.card(info.context, key)
        return cls.from_record(record) if record else None


@strawberry.input
class CreateCompanyInput:
    handle: str
    name: str
    description: str | None = None


@strawberry.type
class CompanyPayload(Payload):
    company: Company | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: str) -> CompanyPayload:
        company = await if_asked(info, "company", lambda: Company.load(info, result))
        return cls(company=company, errors=[])


@strawberry.type
class CompanyQuery:
    @strawberry.field
    async def company(self, info: Info, handle: str) -> Company | None:
        key = await companies.id_by_handle(info.context, handle)
        return await Company.load(info, key) if key else None


@strawberry.type
class CompanyMutation:
    @strawberry.mutation
    async def create_company(self, info: Info, input: CreateCompanyInput) -> CompanyPayload:
        work = companies.create_company(info.context, input.handle, input.name, input.description)
        return await CompanyPayload.answer(info, work)

    @strawberry.mutation
    async def add_company_admin(
        self, info: Info, company_id: strawberry.ID, member_id: strawberry.ID
    ) -> CompanyPayload:
        work = companies.add_company_admin(info.context, company_id, member_id)
        return await CompanyPayload.answer(info, work)

    @strawberry.mutation(description="State (companyId) or clear (null) where the viewer works.")
    async def set_workplace(
        self, info: Info, company_id: strawberry.ID | None = None
    ) -> MemberPayload:
        return await MemberPayload.answer(info, companies.set_workplace(info.context, company_id))
