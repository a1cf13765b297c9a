"""What every GraphQL request passes through besides the resolvers, in order:

caches.ParseByText         a query text parsed once, not once per request
limiters (strawberry)      depth, aliases (one extension, rules made once), tokens:
                           QUERY_TOO_COMPLEX; no introspection where it is off
guards.RequestGuards       the query's cost (QUERY_TOO_COMPLEX)
guards.ConfirmSession...   a mutation waits until the token's session is confirmed (R24)
caches.ValidationByText    a query text validated once
masking.MaskUnexpected...  codes on every top-level error; the unexpected ones masked
lookahead                  not an extension: what a field's selection will ask of the members
                           it returns, so that their loads start together
"""

from __future__ import annotations

from collections.abc import Callable

from graphql import ASTValidationRule, DocumentNode, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from schema.pipeline.caches import LruByText, ParseByText, ValidationByText
from schema.pipeline.guards import RequestGuards, StartSessionCheckForWrites
from schema.pipeline.masking import MaskUnexpectedErrors
from settings import Settings

# Distinct query texts whose parsed document and validation result are kept.
QUERY_CACHE_SIZE = 256


def extensions(settings: Settings) -> list[Callable[[], SchemaExtension] | type[SchemaExtension]]:
    """The pipeline with the deployment's limits (docs/security.md)."""
    parsed: LruByText[DocumentNode] = LruByText(QUERY_CACHE_SIZE)
    validated: LruByText[list[GraphQLError]] = LruByText(QUERY_CACHE_SIZE)
    rules = _validation_rules(settings)
    return [
        lambda: ParseByText(parsed),
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: RequestGuards(settings),
        StartSessionCheckForWrites,
        lambda: ValidationByText(validated),
        lambda: MaskUnexpectedErrors(suggestions=settings.introspection),
    ]


def _validation_rules(settings: Settings) -> list[type[ASTValidationRule]]:
    """Depth and alias limits, and no introspection where it is off: made once, not once per
    request (each limiter builds its rule class anew when made), and added by one extension
    instead of three."""
    rules = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    if not settings.introspection:
        rules += DisableIntrospection().validation_rules
    return rules
