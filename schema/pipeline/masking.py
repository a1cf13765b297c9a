"""How errors reach the client: codes for every top-level error, unexpected ones masked.

ApiError (UNAUTHENTICATED, BAD_USER_INPUT, RATE_LIMITED)   kept as raised
QueryTooComplex and the depth, alias and token limiters  QUERY_TOO_COMPLEX
the database unreachable                                 SERVICE_UNAVAILABLE, HTTP 503
a transaction ended at its time limit                    TIMEOUT (too much work for a request)
what graphql-core refused (syntax, validation, types)    BAD_USER_INPUT
anything else                                            INTERNAL_SERVER_ERROR, masked; logged
"""

from __future__ import annotations

import logging
import re
from typing import Any

from graphql import GraphQLError
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError
from strawberry.extensions import MaskErrors

from cypher.database import TIME_LIMITS
from resolvers.errors import TIMEOUT_MESSAGE, UNREACHABLE_MESSAGE, ApiError, RateLimited

log = logging.getLogger("vernetzt.errors")

# The messages of strawberry's depth, alias and token limiters (and graphql-core's parser).
LIMITER_MESSAGES = re.compile(
    r"exceeds maximum operation depth|aliases found\. Allowed|contains more than \d+ tokens"
)
SUGGESTION = re.compile(r" Did you mean .*\?$")
# Unreachable, or still busy (deadlocks, lock timeouts) after the driver's retries: the client
# may try again, so 503 with Retry-After rather than an internal error.
UNREACHABLE = (ServiceUnavailable, SessionExpired, TransientError)
RETRY_AFTER_SECONDS = 5


def is_unexpected(error: GraphQLError) -> bool:
    """Mask what our code raised unexpectedly; pass ApiErrors and graphql-core's own refusals
    of a request (syntax, validation, variable coercion), which carry no exception of ours."""
    original = error.original_error
    expected = (GraphQLError, ApiError, *UNREACHABLE)
    return original is not None and not isinstance(original, expected) and not timed_out(error)


def timed_out(error: GraphQLError) -> bool:
    """Whether the server ended the request's transaction at its time limit (rules.md, Errors:
    too much work is a code the client can act on, not a fault)."""
    original = error.original_error
    return isinstance(original, ClientError) and original.code in TIME_LIMITS


def as_graphql_error(error: ApiError) -> GraphQLError:
    """An ApiError raised before execution (the request guards) as the GraphQL error it is;
    one raised by a resolver becomes one through graphql-core, with the same extensions."""
    return GraphQLError(error.message, original_error=error)


def mark_response(context: Any, status: int, retry_after_seconds: int) -> None:
    """The HTTP status and Retry-After of the answer (the edge writes them)."""
    answer = getattr(context, "answer", None)
    if answer is not None:
        answer.status = status
        answer.headers["Retry-After"] = str(retry_after_seconds)


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self, suggestions: bool = True) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Internal server error.")
        self.suggestions = suggestions

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        log.error("unexpected error at %s", error.path, exc_info=error.original_error)
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return super()._process_errors([self._classify(error) for error in errors])

    def _classify(self, error: GraphQLError) -> GraphQLError:
        context = self.execution_context.context
        original = error.original_error
        if isinstance(original, UNREACHABLE):
            log.warning("database unreachable: %s", original)
            mark_response(context, 503, RETRY_AFTER_SECONDS)
            return GraphQLError(
                UNREACHABLE_MESSAGE,
                error.nodes,
                path=error.path,
                extensions={"code": "SERVICE_UNAVAILABLE"},
            )
        if timed_out(error):
            log.warning("a request reached its time limit at %s", error.path)
            return GraphQLError(
                TIMEOUT_MESSAGE, error.nodes, path=error.path, extensions={"code": "TIMEOUT"}
            )
        if isinstance(original, RateLimited):  # raised by a resolver, or by the request guards
            seconds = (original.retry_after - context.now).total_seconds()
            mark_response(context, 429, max(1, int(seconds) + 1))
        if not is_unexpected(error) and not (error.extensions or {}).get("code"):
            code = (
                "QUERY_TOO_COMPLEX" if LIMITER_MESSAGES.search(error.message) else "BAD_USER_INPUT"
            )
            error.extensions = {**(error.extensions or {}), "code": code}
        if not self.suggestions:  # without introspection, no hints at the schema either
            error.message = SUGGESTION.sub("", error.message)
        return error
