"""The served Schema: each area's root fields merged into Query and Mutation, in the order the
exported schema.graphql lists them."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.extensions import SchemaExtension
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
    )


# The schema as the exported schema.graphql shows it (the limits do not change its types).
schema = build_schema(Settings())
