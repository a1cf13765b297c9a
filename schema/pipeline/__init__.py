"""What every GraphQL request passes through besides the resolvers, in order:

caches.ParseByText         a query text parsed once, not once per request
limiters (strawberry)      depth, aliases, tokens: QUERY_TOO_COMPLEX
guards.RequestGuards       the query's cost (QUERY_TOO_COMPLEX)
guards.ConfirmSession...   a mutation waits until the token's session is confirmed (R24)
caches.ValidationByText    a query text validated once
masking.MaskUnexpected...  codes on every top-level error; the unexpected ones masked
lookahead                  not an extension: what a field's selection will ask of the members
                           it returns, so that their loads start together
"""

from __future__ import annotations

from collections.abc import Callable

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from schema.pipeline.caches import LruByText, ParseByText, ValidationByText
from schema.pipeline.guards import ConfirmSessionBeforeWrites, RequestGuards
from schema.pipeline.masking import MaskUnexpectedErrors
from settings import Settings

# Distinct query texts whose parsed document and validation result are kept.
QUERY_CACHE_SIZE = 256


def extensions(settings: Settings) -> list[Callable[[], SchemaExtension] | type[SchemaExtension]]:
    """The pipeline with the deployment's limits (docs/security.md)."""
    parsed: LruByText[DocumentNode] = LruByText(QUERY_CACHE_SIZE)
    validated: LruByText[list[GraphQLError]] = LruByText(QUERY_CACHE_SIZE)
    pipeline: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: ParseByText(parsed),
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: RequestGuards(settings),
        ConfirmSessionBeforeWrites,
        lambda: ValidationByText(validated),
        lambda: MaskUnexpectedErrors(suggestions=settings.introspection),
    ]
    if not settings.introspection:
        pipeline.append(DisableIntrospection)
    return pipeline
