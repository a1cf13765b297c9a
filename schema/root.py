"""The served Schema: each area's root fields merged into Query and Mutation, in the order the
exported schema.graphql lists them."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.tools import merge_types

from schema import pipeline
from schema.accounts import AccountMutation
from schema.companies import CompanyMutation, CompanyQuery
from schema.leaving import LeavingMutation
from schema.live import Subscription
from schema.members import MemberMutation, MemberQuery
from schema.messaging import MessagingMutation
from schema.network import NetworkMutation, NetworkQuery
from schema.notifications import NotificationMutation
from schema.posts import PostMutation
from schema.relay import NODE_TYPES, NodeQuery
from schema.viewer import ViewerQuery
from settings import Settings

Query = merge_types("Query", (NodeQuery, ViewerQuery, MemberQuery, CompanyQuery, NetworkQuery))
Mutation = merge_types(
    "Mutation",
    (
        AccountMutation,
        MemberMutation,
        NetworkMutation,
        PostMutation,
        MessagingMutation,
        CompanyMutation,
        NotificationMutation,
        LeavingMutation,
    ),
)


class NamesOnce(NameConverter):
    """Strawberry's names, each converted once: it converts every argument's name again each
    time a field with arguments resolves (0.5% of a profile request's CPU, py-spy)."""

    def __init__(self) -> None:
        super().__init__()
        self._converted: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self._converted.get(name)
        if converted is None:
            converted = self._converted[name] = super().apply_naming_config(name)
        return converted


def build_schema(
    settings: Settings, observers: Sequence[type[SchemaExtension]] = ()
) -> strawberry.Schema:
    """The schema with the deployment's limits (docs/security.md); `observers` see each
    operation first (the edge's traces)."""
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=list(NODE_TYPES.values()),  # reachable only through Node, some of them
        extensions=[*observers, *pipeline.extensions(settings)],
        config=StrawberryConfig(name_converter=NamesOnce()),
    )


# The schema as the exported schema.graphql shows it (the limits do not change its types).
schema = build_schema(Settings())
