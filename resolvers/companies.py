"""createCompany, addCompanyAdmin, setWorkplace (R20)."""

from __future__ import annotations

import uuid

import strawberry
from neo4j.exceptions import ConstraintError

import cypher
from cypher.database import Transaction
from resolvers.context import Info, require_viewer
from resolvers.decisions import PairState
from resolvers.network import PAIR_STATE
from resolvers.posts import run_refusable
from resolvers.validation import check_handle, check_name
from schema import ids
from schema.accounts import MemberPayload
from schema.errors import ErrorCode, Refused, UserError, invalid_input, refusal
from schema.members import load_company, load_member
from schema.posts import CompanyPayload, CreateCompanyInput

CREATE_COMPANY = cypher.query("create_company")
COMPANY_ACCESS = cypher.query("company_access")
ADD_COMPANY_ADMIN = cypher.query("add_company_admin")
SET_WORKPLACE = cypher.query("set_workplace")

DESCRIPTION_MAX = 2000
COMPANY_NOT_FOUND = refusal(ErrorCode.NOT_FOUND, "No such company.")


async def create_company(info: Info, data: CreateCompanyInput) -> CompanyPayload:
    viewer = require_viewer(info)
    errors = [*check_handle(data.handle), *check_name(data.name)]
    if data.description and len(data.description) > DESCRIPTION_MAX:
        errors.append(invalid_input("description", f"At most {DESCRIPTION_MAX} characters."))
    if errors:
        return CompanyPayload(company=None, errors=errors)
    company_id = str(uuid.uuid4())
    try:
        await info.context.db.write(
            CREATE_COMPANY, viewer=viewer, id=company_id, handle=data.handle,
            name=data.name.strip(), description=(data.description or "").strip() or None,
            now=int(info.context.now.timestamp() * 1000),
        )  # fmt: skip
    except ConstraintError:
        taken = UserError(code=ErrorCode.TAKEN, message="This handle is taken.",
                          field=["input", "handle"])  # fmt: skip
        return CompanyPayload(company=None, errors=[taken])
    return CompanyPayload(company=await load_company(info, company_id), errors=[])


async def add_company_admin(
    info: Info, company_id: strawberry.ID, member_id: strawberry.ID
) -> CompanyPayload:
    viewer = require_viewer(info)
    _, company = ids.decode_as(company_id, "Company")
    _, member = ids.decode_as(member_id, "Member")

    async def work(tx: Transaction) -> str:
        access = await tx.one(COMPANY_ACCESS, viewer=viewer, company=company)
        if access is None:
            raise Refused(COMPANY_NOT_FOUND)
        state = await tx.one(PAIR_STATE, viewer=viewer, member=member)
        target = PairState.from_record(state) if state else None
        if target is None or target.blocked:  # a member of a block with the viewer is hidden
            raise Refused(refusal(ErrorCode.NOT_FOUND, "No such member."))
        if not access["isAdmin"]:
            raise Refused(refusal(ErrorCode.FORBIDDEN, "Only its admins add admins."))
        await tx.all(
            ADD_COMPANY_ADMIN, company=company, member=member,
            now=int(info.context.now.timestamp() * 1000),
        )  # fmt: skip
        return company

    answer = await run_refusable(info, work)
    if isinstance(answer, UserError):
        return CompanyPayload(company=None, errors=[answer])
    info.context.loaders.clear()
    return CompanyPayload(company=await load_company(info, company), errors=[])


async def set_workplace(info: Info, company_id: strawberry.ID | None) -> MemberPayload:
    viewer = require_viewer(info)
    company = ids.decode_as(company_id, "Company")[1] if company_id else None
    if company and await load_company(info, company) is None:
        return MemberPayload(member=None, errors=[COMPANY_NOT_FOUND])
    await info.context.db.write(SET_WORKPLACE, viewer=viewer, company=company)
    info.context.loaders.clear()
    return MemberPayload(member=await load_member(info, viewer), errors=[])
