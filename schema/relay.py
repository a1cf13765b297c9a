"""Relay's shapes, written once: the Node interface with one load per Node type, global IDs, and
generic connections whose specialisations keep the contract's names (`Connection[Post]` is served
as PostConnection, its `Edge[Post]` as PostEdge).

Three connection shapes serve every list of the contract:
  Connection[T]         edges (cursor, node), pageInfo                  posts, messages, ...
  CountedConnection[T]  the same and totalCount                         invitations
  DatedConnection[T]    totalCount, and edges that carry `since`        members, follows
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, ClassVar, Generic, Self, TypeVar

import strawberry
from strawberry.types.field import StrawberryField

from cypher.rows import Listed
from resolvers.request import ids
from resolvers.request.batching import Soon, all_settled
from resolvers.request.clock import optional_datetime
from resolvers.request.pages import Page, encode_cursor
from schema.info import Info

T = TypeVar("T")
Item = TypeVar("Item", bound=Listed)  # an item of a page: at least its id and cursor
NodeLoad = Callable[[Item], Soon[T | None]]


def global_id(type_name: str, key: str) -> strawberry.ID:
    return strawberry.ID(ids.encode(type_name, key))


@strawberry.interface
class Node:
    """Every object with a global ID. Each Node type registers itself (`@node_type`) with its
    `load`: the one way `Query.node`, a post's author and a followed thing are loaded."""

    id: strawberry.ID

    @classmethod
    async def load(cls, info: Info, key: str) -> Self | None:
        raise NotImplementedError

    @classmethod
    def soon(cls, info: Info, key: str) -> Soon[Self | None]:
        """`load`, at once where it is loaded already (the types whose pages are long)."""
        return cls.load(info, key)

    @classmethod
    async def page(cls, info: Info, page: Page[Listed] | None) -> Connection[Self]:
        """A page of this type's ids as a connection, loaded in one batch."""
        return await Connection.of(page, by_id(cls.soon, info))


NODE_TYPES: dict[str, type[Node]] = {}
N = TypeVar("N", bound=type[Node])


def node_type(cls: N) -> N:
    NODE_TYPES[cls.__name__] = cls
    return cls


async def load_node(info: Info, type_name: str, key: str) -> Node | None:
    """The object as the viewer may see it; None when missing or hidden."""
    return await NODE_TYPES[type_name].load(info, key)


async def load_page(info: Info, type_name: str, page: Page[Listed] | None) -> Connection[Any]:
    """A page of ids of one Node type as a connection (for fields whose type lives in a module
    above the caller's: Member.posts)."""
    return await NODE_TYPES[type_name].page(info, page)


async def load_by_global_id(info: Info, global_id: str) -> Node | None:
    type_name, key = ids.decode(global_id)
    return await load_node(info, type_name, key)


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def of(cls, page: Page[Any], cursors: list[str]) -> PageInfo:
        return cls(
            has_next_page=page.has_next,
            has_previous_page=False,  # forward pagination only (contract)
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )


class DescribedPerNode(StrawberryField):
    """A field of a generic type whose description depends on the node type it is specialised
    with: the contract documents MemberEdge.since, not FollowableEdge.since. Strawberry copies
    a generic's fields for each specialisation through `copy_with` (guarded by
    tests/unit/test_strawberry_hooks.py)."""

    descriptions: Mapping[str, str] = {}

    def copy_with(self, type_var_map: Mapping[str, Any]) -> Self:
        copied = super().copy_with(type_var_map)
        node = next(iter(type_var_map.values()), None)
        copied.description = self.descriptions.get(getattr(node, "__name__", ""))
        return copied


def described_per_node(**descriptions: str) -> Any:
    field = DescribedPerNode(default=None)
    field.descriptions = descriptions
    return field


@strawberry.type(name="Edge")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(name="Edge")
class DatedEdge(Generic[T]):
    cursor: str
    node: T
    since: datetime | None = described_per_node(
        Member="When the relationship behind this list began (connection, follow), where there "
        "is one."
    )


EMPTY: Page[Any] = Page(items=[], has_next=False, total=0)


def total_count_is_exact() -> Any:
    """Contract part 4: whether totalCount counts every item (a field per connection type)."""
    return strawberry.field(
        default=True,
        description="False when totalCount stopped at search's cap (R22): there are at least "
        "that many matches. True for every list that counts exactly, which is every list but "
        "search.",
    )


class _Builds:
    """How each connection is built from a page: nodes loaded in one batch, each cursor encoded
    once and shared by the edges and pageInfo."""

    counted: ClassVar[bool] = False

    @classmethod
    async def of(cls, page: Page[Item] | None, load: NodeLoad[Item, Any]) -> Self:
        """An item whose node no longer loads (removed or hidden between the page query and the
        batch) has no edge; pageInfo still counts its cursor."""
        page = page or EMPTY
        cursors = [encode_cursor(item["cursor"]) for item in page.items]
        nodes = await all_settled([load(item) for item in page.items])
        edges = [
            cls.edge(cursor, item, node)
            for cursor, item, node in zip(cursors, page.items, nodes, strict=True)
            if node is not None
        ]
        fields: dict[str, Any] = {"edges": edges, "page_info": PageInfo.of(page, cursors)}
        if cls.counted:
            fields["total_count"] = page.total
            fields["total_count_is_exact"] = page.exact
        return cls(**fields)

    @classmethod
    def edge(cls, cursor: str, item: Listed, node: Any) -> Any:
        return Edge(cursor=cursor, node=node)


@strawberry.type(name="Connection")
class Connection(_Builds, Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo


@strawberry.type(name="Connection")
class CountedConnection(_Builds, Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int
    total_count_is_exact: bool = total_count_is_exact()

    counted: ClassVar[bool] = True


@strawberry.type(name="Connection")
class DatedConnection(_Builds, Generic[T]):
    edges: list[DatedEdge[T]]
    page_info: PageInfo
    total_count: int
    total_count_is_exact: bool = total_count_is_exact()

    counted: ClassVar[bool] = True

    @classmethod
    def edge(cls, cursor: str, item: Listed, node: Any) -> Any:
        # Lists of follows and connections say since when (rows.ListedSince); others do not.
        dated: Mapping[str, Any] = item
        return DatedEdge(cursor=cursor, node=node, since=optional_datetime(dated.get("since")))


def by_id(load: Callable[[Info, str], Soon[T | None]], info: Info) -> NodeLoad[Listed, T]:
    """`load(info, item["id"])` as a loader of a page's items."""
    return lambda item: load(info, item["id"])


def from_rows(build: Callable[[Item], T]) -> NodeLoad[Item, T]:
    """A loader for pages whose items are whole rows already (invitations, messages)."""

    async def load(item: Item) -> T | None:
        return build(item)

    return load


@strawberry.type
class NodeQuery:
    @strawberry.field
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        """Any object by its ID, answering only what the viewer may see (null otherwise)."""
        return await load_by_global_id(info, id)
