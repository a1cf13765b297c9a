"""Companies (R20): their pages and lists as the viewer may see them, creating one, adding
admins, and the viewer's workplace."""

from __future__ import annotations

import uuid

from neo4j.exceptions import ConstraintError

import cypher
from cypher.database import Transaction
from cypher.rows import Counted, Id, Items, Listed, ListedSince, NoColumns
from cypher.rows.companies import (
    CompanyAccessRow,
    CompanyAdmins,
    CompanyCard,
    CompanyRelation,
    Exists,
)
from cypher.rows.network import PairStateRow
from resolvers.errors import ErrorCode, Refusal, Refused, refuse_any
from resolvers.request import ids
from resolvers.request.clock import epoch_ms
from resolvers.request.context import Context
from resolvers.request.pages import Page, members_page
from resolvers.request.writes import write
from resolvers.rules.companies import COMPANY_NOT_FOUND, CompanyAccess, decide_add_admin
from resolvers.rules.formats import check_company_description, check_handle, check_name
from resolvers.rules.network import PairState

COMPANY_ID_BY_HANDLE = cypher.query("company_id_by_handle", Id)
COMPANY_EXISTS = cypher.query("company_exists", Exists)
COMPANY_ACCESS = cypher.query("company_access", CompanyAccessRow)
CREATE_COMPANY = cypher.query("create_company", Id)
ADD_COMPANY_ADMIN = cypher.query("add_company_admin", NoColumns)
SET_WORKPLACE = cypher.query("set_workplace", NoColumns)
PAIR_STATE = cypher.query("pair_state", PairStateRow)
COMPANY_POSTS = cypher.query("company_posts", Items[Listed])
COMPANY_FOLLOWERS = cypher.query("company_followers", Counted[ListedSince])
COMPANY_EMPLOYEES = cypher.query("company_employees", Counted[Listed])
COMPANY_ADMINS = cypher.query("company_admins", CompanyAdmins)

HANDLE_TAKEN = Refusal(ErrorCode.TAKEN, "This handle is taken.", field=("input", "handle"))


async def id_by_handle(context: Context, handle: str) -> str | None:
    row = await context.db.read_one(COMPANY_ID_BY_HANDLE, handle=handle)
    return str(row["id"]) if row else None


async def card(context: Context, company_id: str) -> CompanyCard | None:
    return await context.loaders.company_cards.load(company_id)


async def relation(context: Context, company_id: str) -> CompanyRelation | None:
    """Whether the viewer follows the company and is its admin; None when anonymous."""
    return await context.loaders.if_signed_in(context.loaders.company_relations, company_id)


async def posts(
    context: Context, company: str, first: int | None, after: str | None
) -> Page[Listed] | None:
    """The company's posts; none for anonymous callers (R24)."""
    return await members_page(context, COMPANY_POSTS, first, after, company=company)


async def followers(
    context: Context, company: str, first: int | None, after: str | None
) -> Page[ListedSince] | None:
    """R20: None unless the viewer is one of the company's admins."""
    return await members_page(context, COMPANY_FOLLOWERS, first, after, company=company)


async def employees(
    context: Context, company: str, first: int | None, after: str | None
) -> Page[Listed] | None:
    return await members_page(context, COMPANY_EMPLOYEES, first, after, company=company)


async def admins(context: Context, company: str) -> list[str] | None:
    """R20: the admins' ids, or None unless the viewer is one of them."""
    if context.viewer_id is None:
        return None
    row = await context.db.read_one(COMPANY_ADMINS, viewer=context.viewer_id, company=company)
    return list(row["ids"]) if row and row["ids"] is not None else None


async def create_company(context: Context, handle: str, name: str, description: str | None) -> str:
    """R20: the new company's id; the viewer is its first admin."""
    viewer = context.require_viewer()
    refuse_any([*check_handle(handle), *check_name(name), *check_company_description(description)])
    company_id = str(uuid.uuid4())

    async def work(tx: Transaction) -> str:
        await tx.all(
            CREATE_COMPANY,
            viewer=viewer,
            id=company_id,
            handle=handle,
            name=name.strip(),
            description=(description or "").strip() or None,
            now=epoch_ms(context.now),
        )
        return company_id

    try:
        return await write(context, work)
    except ConstraintError:
        raise Refused(HANDLE_TAKEN) from None


async def add_company_admin(context: Context, company_id: str, member_id: str) -> str:
    """R20: admins add admins. Answers the company's id."""
    viewer = context.require_viewer()
    company = ids.decode_as(company_id, "Company")[1]
    member = ids.decode_as(member_id, "Member")[1]

    async def work(tx: Transaction) -> str:
        access = CompanyAccess.from_record(
            await tx.one(COMPANY_ACCESS, viewer=viewer, company=company)
        )
        target = PairState.from_record(await tx.one(PAIR_STATE, viewer=viewer, member=member))
        # A member in a block with the viewer is hidden, like a missing one (R18).
        if refused := decide_add_admin(access, target is None or target.blocked):
            raise Refused(refused)
        await tx.all(ADD_COMPANY_ADMIN, company=company, member=member, now=epoch_ms(context.now))
        return company

    return await write(context, work)


async def set_workplace(context: Context, company_id: str | None) -> str:
    """R20: the viewer's one current workplace, or none. Answers the viewer's id."""
    viewer = context.require_viewer()
    company = ids.decode_as(company_id, "Company")[1] if company_id else None

    async def work(tx: Transaction) -> str:
        if company is not None:
            row = await tx.one(COMPANY_EXISTS, id=company)
            if not (row and row["exists"]):
                raise Refused(COMPANY_NOT_FOUND)
        await tx.all(SET_WORKPLACE, viewer=viewer, company=company)
        return viewer

    return await write(context, work)
