"""createPost, sharePost, deletePost (R17, R20)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import strawberry

import cypher
from cypher.database import Transaction
from resolvers.context import Info, require_viewer
from resolvers.requests import claim
from schema import ids
from schema.content import load_post
from schema.enums import Audience
from schema.errors import ErrorCode, Refused, UserError, invalid_input, refusal
from schema.posts import CreatePostInput, DeletePayload, PostPayload, SharePostInput

POST_ACCESS = cypher.query("post_access")
COMPANY_ACCESS = cypher.query("company_access")
CREATE_POST = cypher.query("create_post")
DELETE_POST = cypher.query("delete_post")

TEXT_MAX = 3000
POST_NOT_FOUND = refusal(ErrorCode.NOT_FOUND, "No such post.")


def check_text(text: str | None, required: bool) -> list[UserError]:
    if text is None or not text.strip():
        message = f"A post has 1 to {TEXT_MAX} characters."
        return [invalid_input("text", message)] if required else []
    if len(text) > TEXT_MAX:
        return [invalid_input("text", f"A post has at most {TEXT_MAX} characters.")]
    return []


async def run_refusable(
    info: Info, work: Callable[[Transaction], Awaitable[str]]
) -> str | UserError:
    """Run a transaction whose refusals are raised: a Refused rolls it back and is the answer."""
    try:
        return await info.context.db.transaction(work)
    except Refused as refused:
        return refused.error


async def _answer(info: Info, answer: str | UserError) -> PostPayload:
    if isinstance(answer, UserError):
        return PostPayload(post=None, errors=[answer])
    info.context.loaders.clear()
    return PostPayload(post=await load_post(info, answer), errors=[])


async def create_post(info: Info, data: CreatePostInput) -> PostPayload:
    viewer = require_viewer(info)
    audience = data.audience or Audience.ANYONE
    company = ids.decode_as(data.company_id, "Company")[1] if data.company_id else None
    errors = check_text(data.text, required=True)
    if company and audience is Audience.CONNECTIONS:
        errors.append(invalid_input("audience", "A company posts to ANYONE."))
    if errors:
        return PostPayload(post=None, errors=errors)
    now = info.context.now
    new_id = str(uuid.uuid4())

    async def work(tx: Transaction) -> str:
        post_id = await claim(tx, viewer, "createPost", data.request_id, new_id, now)
        if post_id != new_id:
            return post_id  # a retry: the first request created it
        if company:
            access = await tx.one(COMPANY_ACCESS, viewer=viewer, company=company)
            if access is None:
                raise Refused(refusal(ErrorCode.NOT_FOUND, "No such company."))
            if not access["isAdmin"]:
                raise Refused(refusal(ErrorCode.FORBIDDEN, "Only its admins post as a company."))
        await tx.all(
            CREATE_POST, viewer=viewer, company=company, id=post_id, text=data.text.strip(),
            audience=audience.value, now=int(now.timestamp() * 1000), sharedId=None,
        )  # fmt: skip
        return post_id

    return await _answer(info, await run_refusable(info, work))


async def share_post(info: Info, data: SharePostInput) -> PostPayload:
    viewer = require_viewer(info)
    errors = check_text(data.text, required=False)
    if errors:
        return PostPayload(post=None, errors=errors)
    _, original = ids.decode_as(data.post_id, "Post")
    audience = data.audience or Audience.ANYONE
    now = info.context.now
    new_id = str(uuid.uuid4())

    async def work(tx: Transaction) -> str:
        post_id = await claim(tx, viewer, "sharePost", data.request_id, new_id, now)
        if post_id != new_id:
            return post_id
        access = await tx.one(POST_ACCESS, viewer=viewer, post=original)
        if access is None or not access["visible"]:
            raise Refused(POST_NOT_FOUND)
        if access["audience"] != "ANYONE":
            raise Refused(refusal(ErrorCode.NOT_SHAREABLE, "Posts to connections stay there."))
        await tx.all(
            CREATE_POST, viewer=viewer, company=None, id=post_id, text=(data.text or "").strip(),
            audience=audience.value, now=int(now.timestamp() * 1000), sharedId=original,
        )  # fmt: skip
        return post_id

    return await _answer(info, await run_refusable(info, work))


async def delete_post(info: Info, post_id: strawberry.ID) -> DeletePayload:
    viewer = require_viewer(info)
    _, post = ids.decode_as(post_id, "Post")

    async def work(tx: Transaction) -> str:
        access = await tx.one(POST_ACCESS, viewer=viewer, post=post)
        if access is None or not access["visible"]:
            raise Refused(POST_NOT_FOUND)
        if not access["canDelete"]:
            raise Refused(refusal(ErrorCode.FORBIDDEN, "Only the author or an admin deletes it."))
        await tx.all(DELETE_POST, post=post)
        return post

    answer = await run_refusable(info, work)
    if isinstance(answer, UserError):
        return DeletePayload(deleted_id=None, errors=[answer])
    info.context.loaders.clear()
    return DeletePayload(deleted_id=post_id, errors=[])
