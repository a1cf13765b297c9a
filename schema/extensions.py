"""Error masking: rule refusals and ApiErrors pass, everything unexpected is masked and logged."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

log = logging.getLogger("vernetzt.errors")


def is_unexpected(error: GraphQLError) -> bool:
    """Mask what our code raised unexpectedly; pass ApiErrors and graphql-core's own refusals
    of a request (syntax, validation, variable coercion), which carry no exception of ours."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Internal server error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        log.error("unexpected error at %s", error.path, exc_info=error.original_error)
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        # What graphql-core refused (a wrong type, an unknown field) is the client's mistake:
        # BAD_USER_INPUT, unless the error already carries a code (ApiError).
        for error in errors:
            if not is_unexpected(error) and not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
        return super()._process_errors(errors)
