"""Error masking: rule refusals and ApiErrors pass, everything unexpected is masked and logged."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from resolvers.errors import ApiError

log = logging.getLogger("vernetzt.errors")


def is_unexpected(error: GraphQLError) -> bool:
    """Mask an error raised by our code unless it is an ApiError; validation errors pass."""
    original = error.original_error
    if original is None or isinstance(original, ApiError):
        return False
    log.error("unexpected error at %s", error.path, exc_info=original)
    return True


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Internal server error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        # Errors graphql-core raised before execution (a wrong type, an unknown field) are the
        # client's: BAD_USER_INPUT, unless they already carry a code.
        for error in errors:
            if error.original_error is None and not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
        return super()._process_errors(errors)
