"""Look-ahead: which selections make a member's relation load beside its card."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLSchema

from resolvers.request.loaders import RelationNeed
from schema.pipeline.lookahead import fields_to_other_entities, relation_need
from schema.root import schema

SERVED: GraphQLSchema = schema._schema


@dataclass
class Field:
    name: str
    selections: list[Any] = field(default_factory=list)


@dataclass
class Fragment:  # an inline fragment has selections but no name
    selections: list[Any]


@dataclass
class RawInfo:
    schema: GraphQLSchema
    field_nodes: list[Any]


@dataclass
class Info:
    selected_fields: list[Field]
    _raw_info: RawInfo = field(default_factory=lambda: RawInfo(SERVED, []))


def info(*selections: Any) -> Info:
    return Info([Field("top", list(selections))])


def test_relationship_or_actions_need_the_whole_relation() -> None:
    for name in ("relationship", "actions"):
        selection = info(Field("id"), Field("degree"), Field(name, [Field("primary")]))
        assert relation_need(selection) is RelationNeed.FULL


def test_the_degree_alone_needs_only_the_degree() -> None:
    page = info(Field("edges", [Field("node", [Fragment([Field("name"), Field("degree")])])]))
    assert relation_need(page) is RelationNeed.DEGREE


def test_cards_alone_and_other_members_relations_do_not_ask() -> None:
    assert relation_need(info(Field("id"), Field("name"))) is None
    nested = Field("connections", [Field("edges", [Field("node", [Field("actions")])])])
    assert relation_need(info(Field("name"), nested)) is None


def test_through_names_the_members_in_question() -> None:
    feed = info(
        Field(
            "edges",
            [
                Field(
                    "node",
                    [
                        Field("text"),
                        Field("author", [Fragment([Field("name"), Field("degree")])]),
                    ],
                )
            ],
        )
    )
    assert relation_need(feed, through="author") is RelationNeed.DEGREE
    assert relation_need(feed) is None  # the posts themselves have no relation
    plain = info(Field("edges", [Field("node", [Field("author", [Field("name")])])]))
    assert relation_need(plain, through="author") is None


def test_the_fields_that_lead_to_other_members_come_from_the_served_schema() -> None:
    elsewhere = fields_to_other_entities(SERVED)
    by_hand_before = {"connections", "mutualConnections", "pathFromViewer", "worksAt", "posts"}
    by_hand_before |= {"employees", "admins", "followers", "author", "sharedPost"}
    by_hand_before |= {"from", "to", "sender", "with"}
    assert by_hand_before <= elsewhere
    # The viewer's relation to this member, and the pages' own wrappers, are not elsewhere.
    assert not elsewhere & {"relationship", "actions", "degree", "edges", "node", "name"}


def test_the_explanation_of_the_relationship_is_read_beside_it() -> None:
    explained = info(Field("relationship", [Field("isConnected"), Fragment([Field("options")])]))
    assert relation_need(explained) is RelationNeed.EXPLAINED
    assert relation_need(info(Field("relationship", [Field("capabilities")]))) is (
        RelationNeed.EXPLAINED
    )
    assert relation_need(info(Field("relationship", [Field("isConnected")]))) is RelationNeed.FULL
    # Another member's explanation is theirs to look ahead for.
    nested = Field(
        "connections",
        [Field("edges", [Field("node", [Field("relationship", [Field("options")])])])],
    )
    assert relation_need(info(Field("degree"), nested)) is RelationNeed.DEGREE
