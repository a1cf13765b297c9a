"""Looking ahead in a request's selection: what will the resolvers below this field ask for?

A member's card and the viewer's relation to that member come from two queries. Where the
selection asks for the relation of the members a field returns, both can start at once instead
of the second waiting for the first. A selection that asks only for the degree gets the degree
alone, which costs much less than the whole relationship (invitations, mutual count, InMail).
Likewise a card is counted (followers, follows, connections) only where the counts are asked.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type, is_leaf_type

from resolvers.request.loaders import RelationNeed

FULL_RELATION = frozenset({"relationship", "actions"})
RELATION_FIELDS = FULL_RELATION | {"degree"}
# R29's explanation of the relationship, read beside it where it is asked for.
EXPLANATION_FIELDS = frozenset({"capabilities", "options"})
COUNT_FIELDS = frozenset({"followerCount", "followingCount", "connectionCount"})
LOOKED_FOR = RELATION_FIELDS | COUNT_FIELDS
ENTITY = "Node"  # the interface of everything with an ID of its own


@functools.cache
def fields_to_other_entities(schema: GraphQLSchema) -> frozenset[str]:
    """The fields below which the members are other members (whose own loads look ahead for
    themselves): every field of an entity that leads to an object (a member's `connections`,
    `worksAt`, `posts`; a post's `author`), except the viewer's relation asked of this one.
    Read from the served schema, so a new field of that kind counts without a list to keep."""
    entity = schema.get_type(ENTITY)
    names: set[str] = set()
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLObjectType) and entity in type_.interfaces:
            names.update(
                name
                for name, field in type_.fields.items()
                if not is_leaf_type(get_named_type(field.type))
            )
    return frozenset(names - FULL_RELATION)


T = TypeVar("T")


async def if_asked(info: Any, name: str, load: Callable[[], Awaitable[T]]) -> T | None:
    """`load()` when the field's selection asks for its field `name` (through fragments too),
    else None, which no client sees: a mutation's payload reads what it answers (the member
    followed, the post made) only for a client that asks for it."""
    selections = (child for field in info.selected_fields for child in _fields(field))
    if any(getattr(child, "name", None) == name for child in selections):
        return await load()
    return None


def relation_need(info: Any, through: str | None = None) -> RelationNeed | None:
    """EXPLAINED when the members' relationship is asked for with its explanation, FULL when
    their relationship or actions are, DEGREE when only their degree is, None when neither."""
    names = asked(info, through)
    if names & EXPLANATION_FIELDS:
        return RelationNeed.EXPLAINED
    if names & FULL_RELATION:
        return RelationNeed.FULL
    return RelationNeed.DEGREE if names & RELATION_FIELDS else None


def asks_counts(info: Any, through: str | None = None) -> bool:
    """Whether the members' own counts are asked for (not those of other members below)."""
    return bool(asked(info, through) & COUNT_FIELDS)


def asked(info: Any, through: str | None = None) -> frozenset[str]:
    """Which of LOOKED_FOR the selection asks of the members this field returns (or, with
    `through`, of those its field of that name returns). Kept per request and field: a page of
    twenty members asks twenty times, and strawberry builds `selected_fields` anew each time."""
    raw = info._raw_info  # graphql-core's own: the served schema and the field's nodes
    memo = getattr(getattr(info, "context", None), "lookahead", None)
    if memo is None:
        return _asked(info, through, fields_to_other_entities(raw.schema))
    key = (tuple(map(id, raw.field_nodes)), through)
    if key not in memo:
        memo[key] = _asked(info, through, fields_to_other_entities(raw.schema))
    names: frozenset[str] = memo[key]
    return names


def _asked(info: Any, through: str | None, elsewhere: frozenset[str]) -> frozenset[str]:
    names: set[str] = set()
    for field in info.selected_fields:
        for selection in field.selections:
            _collect(selection, through, elsewhere, names)
    return frozenset(names)


def _collect(
    selection: Any, through: str | None, elsewhere: frozenset[str], names: set[str]
) -> None:
    name = getattr(selection, "name", None)
    if name == through:
        through = None
    elif name in LOOKED_FOR:
        if through is None:
            names.add(name)
            if name == "relationship":  # and its explanation, if asked (R29)
                asked_of_it = {getattr(child, "name", None) for child in _fields(selection)}
                names.update(EXPLANATION_FIELDS & asked_of_it)
        return
    elif name in elsewhere:
        return
    for child in getattr(selection, "selections", ()):
        _collect(child, through, elsewhere, names)


def _fields(selection: Any) -> list[Any]:
    """The fields a selection asks for, through its fragments."""
    found = []
    for child in getattr(selection, "selections", ()):
        if hasattr(child, "type_condition") or getattr(child, "name", None) is None:  # fragment
            found.extend(_fields(child))
        else:
            found.append(child)
    return found
