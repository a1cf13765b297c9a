"""Look-ahead: which selections make a member's relation load beside its card."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schema.lookahead import asks_for_relations


@dataclass
class Field:
    name: str
    selections: list[Any] = field(default_factory=list)


@dataclass
class Fragment:  # an inline fragment has selections but no name
    selections: list[Any]


@dataclass
class Info:
    selected_fields: list[Field]


def info(*selections: Any) -> Info:
    return Info([Field("top", list(selections))])


def test_degree_relationship_or_actions_of_the_returned_members_ask() -> None:
    for name in ("degree", "relationship", "actions"):
        assert asks_for_relations(info(Field("id"), Field(name, [Field("primary")])))
    page = info(Field("edges", [Field("node", [Fragment([Field("degree")])])]))
    assert asks_for_relations(page)


def test_cards_alone_and_other_members_relations_do_not_ask() -> None:
    assert not asks_for_relations(info(Field("id"), Field("name")))
    nested = Field("connections", [Field("edges", [Field("node", [Field("degree")])])])
    assert not asks_for_relations(info(Field("name"), nested))


def test_through_names_the_members_in_question() -> None:
    feed = info(Field("edges", [Field("node", [
        Field("text"), Field("author", [Fragment([Field("name"), Field("degree")])]),
    ])]))  # fmt: skip
    assert asks_for_relations(feed, through="author")
    assert not asks_for_relations(feed)  # the posts themselves have no relation
    plain = info(Field("edges", [Field("node", [Field("author", [Field("name")])])]))
    assert not asks_for_relations(plain, through="author")
