"""Posts (R17, R19, R20): reading them as the viewer may see them, creating, sharing and
deleting. The writes answer the post's id."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import cypher
from cypher.database import Transaction
from cypher.rows import Id, Items, Listed, NoColumns
from cypher.rows.companies import CompanyAccessRow
from cypher.rows.posts import FeedItem, PostAccessRow, PostCard
from resolvers.enums import Audience, NotificationKind
from resolvers.errors import Refused, refuse_any
from resolvers.notifications import Notice, notify
from resolvers.request import ids
from resolvers.request.batching import Soon
from resolvers.request.clock import epoch_ms
from resolvers.request.context import Context
from resolvers.request.loaders import RelationNeed
from resolvers.request.pages import Page, fetch_page, members_page
from resolvers.request.writes import Creation, create, create_in_one, write
from resolvers.rules.companies import CompanyAccess, company_audience, decide_post_as_company
from resolvers.rules.formats import check_post_text
from resolvers.rules.posts import PostAccess, decide_delete, decide_share, share_notifies

POST_ACCESS = cypher.query("post_access", PostAccessRow)
COMPANY_ACCESS = cypher.query("company_access", CompanyAccessRow)
CREATE_POST = cypher.query("create_post", Id)
CREATE_MEMBER_POST = Creation.of(CREATE_POST)
DELETE_POST = cypher.query("delete_post", NoColumns)
MEMBER_POSTS = cypher.query("member_posts", Items[Listed])
FEED = cypher.query("feed", Items[FeedItem])


def card(context: Context, post_id: str) -> Soon[PostCard | None]:
    """The post as the viewer may see it (None when missing or hidden, R17, R18, R24)."""
    return context.loaders.signed_in_soon(context.loaders.posts, post_id)


def start_authors(
    context: Context, page: Page[FeedItem], need: RelationNeed | None, counts: bool
) -> list[Awaitable[Any]]:
    """Where the page names each post's author (the feed does), start loading the authors'
    cards, and the viewer's relations to them as far as `need` says, in the same batch tick as
    the posts: one round trip instead of two after the page. Answers the loads, to await."""
    loaders = context.loaders
    loads: list[Awaitable[Any]] = []
    for item in page.items:
        author = item["authorId"]
        if item["authorKind"] == "Company":
            loads.append(loaders.company_cards.load(author))
            continue
        loads.append(loaders.start_card(author, counts))
        loaders.start_relation(author, need)
    return loads


async def member_posts(
    context: Context, member: str, first: int | None, after: str | None
) -> Page[Listed] | None:
    """R17: the member's posts the viewer may see; none for anonymous callers (R24)."""
    return await members_page(context, MEMBER_POSTS, first, after, member=member)


async def feed(context: Context, first: int | None, after: str | None) -> Page[FeedItem] | None:
    """R19. The page's items are the posts' cards too (every post in the feed is one the viewer
    may see): they go into the posts loader, and the posts cost no query of their own."""
    viewer = context.require_viewer()
    page = await fetch_page(context.db, FEED, first, after, viewer=viewer)
    for item in page.items if page else []:
        context.loaders.posts.prime(item["id"], item)
    return page


async def create_post(
    context: Context,
    text: str,
    audience: Audience | None,
    company_id: str | None,
    request_id: str | None,
) -> str:
    """R17, as the viewer or (R20) as a company the viewer is an admin of."""
    viewer = context.require_viewer()
    audience = audience or Audience.ANYONE
    company = ids.decode_as(company_id, "Company")[1] if company_id else None
    errors = check_post_text(text, required=True)
    if company:
        errors += company_audience(audience)
    refuse_any(errors)

    if not company:  # nothing to decide on: one statement
        return await create_in_one(
            context,
            "createPost",
            request_id,
            CREATE_MEMBER_POST,
            lambda post_id: _post(context, viewer, post_id, text, audience),
        )

    async def work(tx: Transaction, post_id: str) -> None:
        access = CompanyAccess.from_record(
            await tx.one(COMPANY_ACCESS, viewer=viewer, company=company)
        )
        if refused := decide_post_as_company(access):
            raise Refused(refused)
        await tx.all(
            CREATE_POST, **_post(context, viewer, post_id, text, audience, company=company)
        )

    return await create(context, "createPost", request_id, work)


async def share_post(
    context: Context,
    post_id: str,
    text: str | None,
    audience: Audience | None,
    request_id: str | None,
) -> str:
    """R17: a share of a visible ANYONE post, with an optional comment."""
    viewer = context.require_viewer()
    refuse_any(check_post_text(text, required=False))
    _, original = ids.decode_as(post_id, "Post")

    async def work(tx: Transaction, new_id: str) -> None:
        access = PostAccess.from_record(await tx.one(POST_ACCESS, viewer=viewer, post=original))
        if refused := decide_share(access):
            raise Refused(refused)
        params = _post(context, viewer, new_id, text or "", audience, shared=original)
        await tx.all(CREATE_POST, **params)
        assert access is not None
        if author := share_notifies(access, audience or Audience.ANYONE):
            notice = Notice(NotificationKind.POST_SHARED, author, viewer, post_id=new_id)
            await notify(tx, context, notice)

    return await create(context, "sharePost", request_id, work)


def _post(
    context: Context,
    viewer: str,
    post_id: str,
    text: str,
    audience: Audience | None,
    company: str | None = None,
    shared: str | None = None,
) -> dict[str, Any]:
    """create_post.cypher's parameters."""
    return {
        "viewer": viewer,
        "company": company,
        "id": post_id,
        "text": text.strip(),
        "audience": (audience or Audience.ANYONE).value,
        "now": epoch_ms(context.now),
        "sharedId": shared,
    }


async def delete_post(context: Context, post_id: str) -> str:
    """R17: the author, or an admin of the company that posted. Answers the post's id."""
    viewer = context.require_viewer()
    _, post = ids.decode_as(post_id, "Post")

    async def work(tx: Transaction) -> str:
        access = PostAccess.from_record(await tx.one(POST_ACCESS, viewer=viewer, post=post))
        if refused := decide_delete(access):
            raise Refused(refused)
        await tx.all(DELETE_POST, post=post)
        return post

    return await write(context, work)
