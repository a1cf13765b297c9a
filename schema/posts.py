"""Posts and shares (R17, R19): what the viewer may see of them, and the post mutations."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

import strawberry

from cypher.rows.posts import FeedItem, PostCard
from resolvers import posts
from resolvers.request.batching import Soon, settled, then
from resolvers.request.clock import to_datetime
from resolvers.request.pages import Page
from schema.companies import Company
from schema.enums import Audience
from schema.errors import Payload, UserError
from schema.info import Info
from schema.members import Member
from schema.pipeline.lookahead import asks_counts, if_asked, relation_need
from schema.relay import Connection, Node, global_id, load_node, node_type

Author = Annotated[Member | Company, strawberry.union("Author")]


@node_type
@strawberry.type
class Post(Node):
    key: strawberry.Private[str]
    author_id: strawberry.Private[str]
    author_kind: strawberry.Private[str]
    shared_id: strawberry.Private[str | None]
    text: str
    audience: Audience
    created_at: datetime
    is_share: bool

    @strawberry.field(graphql_type=Author)
    def author(self, info: Info) -> Soon[Member | Company]:
        """A member author at once where the feed loaded it (Post.feed)."""
        if self.author_kind == "Member":
            return then(Member.soon(info, self.author_id), self._found)
        return then(load_node(info, self.author_kind, self.author_id), self._found)

    def _found(self, author: Node | None) -> Member | Company:
        if author is None:  # deleted between two queries of one request
            raise LookupError(f"{self.author_kind} {self.author_id} vanished")
        return author  # type: ignore[return-value]

    @strawberry.field(
        description="For a share: the shared post, or null when the viewer may no longer see "
        "it (R17)."
    )
    async def shared_post(self, info: Info) -> Post | None:
        return await Post.load(info, self.shared_id) if self.shared_id else None

    @classmethod
    def from_record(cls, record: PostCard) -> Post:
        return cls(
            id=global_id("Post", record["id"]),
            key=record["id"],
            author_id=record["authorId"],
            author_kind=record["authorKind"],
            shared_id=record["sharedId"],
            text=record["text"],
            audience=Audience(record["audience"]),
            created_at=to_datetime(record["createdAt"]),
            is_share=record["isShare"],
        )

    @classmethod
    async def load(cls, info: Info, key: str) -> Post | None:
        """The post as the viewer may see it (None when missing or hidden, R17, R18)."""
        return await settled(cls.soon(info, key))

    @classmethod
    def soon(cls, info: Info, key: str) -> Soon[Post | None]:
        """`load`, at once where the post is loaded already (a feed's posts came with it)."""
        return then(posts.card(info.context, key), _post)

    @classmethod
    async def feed(cls, info: Info, page: Page[FeedItem] | None) -> Connection[Post]:
        """The feed's posts (their cards came with the page), their authors (as far as the
        selection asks) in one batch."""
        if page is not None:
            need = relation_need(info, through="author") if info.context.viewer_id else None
            counts = asks_counts(info, through="author")
            authors = posts.start_authors(info.context, page, need, counts)
            connection = await cls.page(info, page)
            # Awaited here, the authors answer at once in each post (Post.author): no
            # coroutine and no task per post. An author that failed fails in its post.
            await asyncio.gather(*authors, return_exceptions=True)
            return connection
        return await cls.page(info, page)


def _post(record: PostCard | None) -> Post | None:
    return Post.from_record(record) if record else None


@strawberry.input
class CreatePostInput:
    text: str
    audience: Audience | None = Audience.ANYONE
    company_id: strawberry.ID | None = strawberry.field(
        default=None, description="Post as this company; the viewer must be one of its admins."
    )
    request_id: str | None = None


@strawberry.input
class SharePostInput:
    post_id: strawberry.ID
    text: str | None = None
    audience: Audience | None = Audience.ANYONE
    request_id: str | None = None


@strawberry.type
class PostPayload(Payload):
    post: Post | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: str) -> PostPayload:
        return cls(post=await if_asked(info, "post", lambda: Post.load(info, result)), errors=[])


@strawberry.type
class DeletePayload(Payload):
    deleted_id: strawberry.ID | None
    errors: list[UserError]

    @classmethod
    async def of(cls, info: Info, result: str) -> DeletePayload:
        return cls(deleted_id=global_id("Post", result), errors=[])


@strawberry.type
class PostMutation:
    @strawberry.mutation
    async def create_post(self, info: Info, input: CreatePostInput) -> PostPayload:
        work = posts.create_post(
            info.context, input.text, input.audience, input.company_id, input.request_id
        )
        return await PostPayload.answer(info, work)

    @strawberry.mutation
    async def share_post(self, info: Info, input: SharePostInput) -> PostPayload:
        work = posts.share_post(
            info.context, input.post_id, input.text, input.audience, input.request_id
        )
        return await PostPayload.answer(info, work)

    @strawberry.mutation
    async def delete_post(self, info: Info, post_id: strawberry.ID) -> DeletePayload:
        return await DeletePayload.answer(info, posts.delete_post(info.context, post_id))
