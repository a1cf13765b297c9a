"""Posts, shares, conversations and messages (R12, R16, R17, R19)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

import strawberry

from resolvers.context import Info
from resolvers.pages import Page, encode_cursor
from schema import ids
from schema.enums import Audience, ConversationKind
from schema.lookahead import asks_counts, relation_need
from schema.members import Company, Member, Node, load_company, native_datetime, require_member
from schema.pages import PageInfo, by_id, loaded

Author = Annotated[Member | Company, strawberry.union("Author")]


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

    @strawberry.field
    async def author(self, info: Info) -> Author:
        if self.author_kind == "Company":
            company = await load_company(info, self.author_id)
            if company is None:  # deleted between two queries of one request
                raise LookupError(f"company {self.author_id} vanished")
            return company
        return await require_member(info, self.author_id)

    @strawberry.field(
        description="For a share: the shared post, or null when the viewer may no longer see "
        "it (R17)."
    )
    async def shared_post(self, info: Info) -> Post | None:
        return await load_post(info, self.shared_id) if self.shared_id else None

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Post:
        return cls(
            id=ids.encode("Post", record["id"]),
            key=record["id"],
            author_id=record["authorId"],
            author_kind=record["authorKind"],
            shared_id=record["sharedId"],
            text=record["text"],
            audience=Audience(record["audience"]),
            created_at=native_datetime(record["createdAt"]),
            is_share=record["isShare"],
        )


async def load_post(info: Info, post_id: str) -> Post | None:
    """The post as the viewer may see it (None when missing or hidden, R17, R18)."""
    if info.context.viewer_id is None:
        return None
    record = await info.context.loaders.posts.load(post_id)
    return Post.from_record(record) if record else None


@strawberry.type
class PostEdge:
    cursor: str
    node: Post


@strawberry.type
class PostConnection:
    edges: list[PostEdge]
    page_info: PageInfo

    @classmethod
    async def of(cls, info: Info, page: Page | None) -> PostConnection:
        """The page's posts, loaded in one batch (authors in one more)."""
        if page is None:
            return cls(edges=[], page_info=PageInfo.of(Page([], False, 0)))
        _load_authors_beside(info, page)
        edges = [
            PostEdge(cursor=cursor, node=post)
            for cursor, _, post in await loaded(page, by_id(load_post, info))
        ]
        return cls(edges=edges, page_info=PageInfo.of(page))


def _load_authors_beside(info: Info, page: Page) -> None:
    """Where the page names each post's author (the feed does), start loading the authors'
    cards, and the viewer's relations to them as far as the selection asks, in the same batch
    tick as the posts: one round trip instead of two after the page."""
    loaders = info.context.loaders
    need = relation_need(info, through="author") if info.context.viewer_id else None
    counts = asks_counts(info, through="author")
    for item in page.items:
        author = item.get("authorId")
        if author is None:
            continue
        if item["authorKind"] == "Company":
            loaders.company_cards.load(author)
            continue
        loaders.card(author, counts)
        loaders.start_relation(author, need)


@strawberry.type
class Message(Node):
    sender_id: strawberry.Private[str]
    subject: str | None
    body: str
    sent_at: datetime

    @strawberry.field
    async def sender(self, info: Info) -> Member:
        return await require_member(info, self.sender_id)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Message:
        return cls(
            id=ids.encode("Message", record["id"]),
            sender_id=record["senderId"],
            subject=record["subject"],
            body=record["body"],
            sent_at=native_datetime(record["sentAt"]),
        )


@strawberry.type
class MessageEdge:
    cursor: str
    node: Message


@strawberry.type
class MessageConnection:
    edges: list[MessageEdge]
    page_info: PageInfo


@strawberry.type
class Conversation(Node):
    key: strawberry.Private[str]
    with_id: strawberry.Private[str]
    kind: ConversationKind
    can_reply: bool
    last_message_at: datetime

    @strawberry.field(name="with", description="The other participant.")
    async def with_(self, info: Info) -> Member:
        return await require_member(info, self.with_id)

    @strawberry.field(description="Newest first.")
    async def messages(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> MessageConnection:
        from resolvers import messaging  # imports this module: bound late

        page = await messaging.messages(info.context, self.key, first, after)
        edges = [
            MessageEdge(cursor=encode_cursor(item["cursor"]), node=Message.from_record(item))
            for item in page.items
        ]
        return MessageConnection(edges=edges, page_info=PageInfo.of(page))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Conversation:
        return cls(
            id=ids.encode("Conversation", record["id"]),
            key=record["id"],
            with_id=record["withId"],
            kind=ConversationKind(record["kind"]),
            can_reply=record["canReply"],
            last_message_at=native_datetime(record["lastMessageAt"]),
        )


async def load_conversation(info: Info, conversation_id: str) -> Conversation | None:
    if info.context.viewer_id is None:
        return None
    record = await info.context.loaders.conversations.load(conversation_id)
    return Conversation.from_record(record) if record else None


@strawberry.type
class ConversationEdge:
    cursor: str
    node: Conversation


@strawberry.type
class ConversationConnection:
    edges: list[ConversationEdge]
    page_info: PageInfo

    @classmethod
    async def of(cls, info: Info, page: Page) -> ConversationConnection:
        edges = [
            ConversationEdge(cursor=cursor, node=conversation)
            for cursor, _, conversation in await loaded(page, by_id(load_conversation, info))
        ]
        return cls(edges=edges, page_info=PageInfo.of(page))
