"""Looking ahead in a request's selection: what will the resolvers below this field ask for?

A member's card and the viewer's relation to that member come from two queries. Where the
selection asks for the relation (degree, relationship, actions) of the members a field returns,
both can start at once instead of the second waiting for the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

RELATION_FIELDS = frozenset({"degree", "relationship", "actions"})
# Fields below which members are other members (their own loads look ahead for themselves).
OTHER_MEMBERS = frozenset({
    "connections", "mutualConnections", "pathFromViewer", "mutualSample", "followers",
    "following", "employees", "admins", "posts", "sharedPost", "worksAt", "author", "from",
    "to", "sender", "with",
})  # fmt: skip


def asks_for_relations(info: Any, through: str | None = None) -> bool:
    """Whether the selection under the current field asks for the relation of the members it
    returns (through edges, nodes, fragments and payloads), or with `through`, of the members
    under the field of that name (the authors of a page of posts)."""
    return any(
        _asks(selection, through)
        for field in info.selected_fields
        for selection in field.selections
    )


def _asks(selection: Any, through: str | None) -> bool:
    name = getattr(selection, "name", None)
    if name == through:
        through = None  # from here on, these are the members in question
    elif name in RELATION_FIELDS:
        return through is None
    elif name in OTHER_MEMBERS:
        return False
    children: Iterable[Any] = getattr(selection, "selections", ())
    return any(_asks(child, through) for child in children)
