"""The shapes of the queries' rows, one TypedDict per shape, by area; `cypher.query(name,
Shape)` binds a query to its shape, so `row["nmae"]` fails the type check wherever it is read.

Neo4j answers every column of a RETURN in every row (a missing value is null), so each shape
is total and says `| None` where the query may answer null. `check` compares a row with its
shape as it arrives: the test suite runs with it on (Settings.checks_rows: VERNETZT_ENV=test),
so a nested map that lost or gained a key fails the first test that reads it.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
from typing import (
    Any,
    Generic,
    TypedDict,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from neo4j.graph import Node, Path, Relationship
from neo4j.time import DateTime

GRAPH_OBJECTS = (Node, Relationship, Path)


class NoColumns(TypedDict):
    """The shape of a query that returns nothing (a write whose caller needs no answer)."""


class RowMismatch(AssertionError):
    """A row whose keys are not its shape's: the query and its declared shape disagree."""


def check(value: Any, shape: Any, where: str) -> None:
    """Raise RowMismatch where `value` has other keys than `shape` says, at any depth that the
    shape declares (nested TypedDicts, lists of them, optional ones)."""
    if isinstance(value, GRAPH_OBJECTS):  # read as they came: a node is no map (columns_of)
        raise RowMismatch(f"{where}: a {type(value).__name__}; return its properties as a map")
    if value is None or shape is Any:
        return
    origin = get_origin(shape)
    if origin in (Union, types.UnionType):
        for option in get_args(shape):
            if _fits(value, option):
                check(value, option, where)
        return
    if origin is list and isinstance(value, list):
        (item,) = get_args(shape) or (Any,)
        for index, element in enumerate(value):
            check(element, item, f"{where}[{index}]")
        return
    if is_shape(shape) and isinstance(value, Mapping):
        hints = fields(shape)
        if set(value) != set(hints):
            raise RowMismatch(f"{where}: columns {sorted(value)}, its shape says {sorted(hints)}")
        for key, hint in hints.items():
            check(value[key], hint, f"{where}.{key}")


def is_shape(shape: Any) -> bool:
    """A TypedDict, or a generic one given its item type (`Counted[Listed]`)."""
    return is_typeddict(get_origin(shape) or shape)


@functools.cache
def fields(shape: Any) -> dict[str, Any]:
    """A shape's keys and their types, in their order, with a generic shape's item type put in."""
    origin = get_origin(shape)
    if origin is None:
        return get_type_hints(shape)
    given = dict(zip(origin.__parameters__, get_args(shape), strict=True))
    return {
        key: hint[tuple(given[p] for p in hint.__parameters__)]
        if getattr(hint, "__parameters__", ())
        else hint
        for key, hint in get_type_hints(origin).items()
    }


def _fits(value: Any, option: Any) -> bool:
    """Whether `value` is of the kind `option` describes (a map, a list or a plain value)."""
    if option is type(None):
        return value is None
    if is_shape(option):
        return isinstance(value, Mapping)
    if get_origin(option) is list:
        return isinstance(value, list)
    return not isinstance(value, (Mapping, list))


Item = TypeVar("Item")  # the item of a page
# A time as the queries answer it: epoch milliseconds (the hot queries), or a Neo4j temporal.
When = int | DateTime
# The sort keys of a list item, for its cursor (resolvers.request.pages).
Cursor = list[Any]


class Id(TypedDict):
    """The id of what a query found, made or changed."""

    id: str


class Listed(TypedDict):
    """An item of a list whose nodes are loaded by id, with its cursor."""

    id: str
    cursor: Cursor


class ListedSince(TypedDict):
    """An item of a list of follows or connections: since when."""

    id: str
    since: When
    cursor: Cursor


class Rows(TypedDict, Generic[Item]):
    """One row holding the rows of a batch as a list: a record costs the driver about 20
    times what an item of a list does (bench/studies/driver_cost.py)."""

    rows: list[Item]


class Items(TypedDict, Generic[Item]):
    """A page of a list without a count (null items: the whole list is hidden)."""

    items: list[Item] | None


class Counted(TypedDict, Generic[Item]):
    """A page of a list and the list's count."""

    items: list[Item] | None
    total: int


class Reached(TypedDict, Generic[Item]):
    """A page of a list counted only as far as it reaches (search, R22)."""

    items: list[Item] | None
    total: int
    exact: bool
