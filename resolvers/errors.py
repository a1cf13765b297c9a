"""How Vernetzt fails, in three kinds.

refusal by the rules     -> schema.errors.UserError in the payload's `errors` (nothing changed)
ApiError (GraphQLError)  -> top-level error, kept as is, with extensions.code
  +-- Unauthenticated       UNAUTHENTICATED: needs a signed-in member, or a bad/expired token
  +-- BadUserInput          BAD_USER_INPUT: malformed arguments (an ID not of ours, a bad range)
anything else            -> masked: INTERNAL_SERVER_ERROR, nothing internal revealed; the log
                            gets the whole story (schema.extensions.MaskUnexpectedErrors)
"""

from __future__ import annotations

from typing import ClassVar

from graphql import GraphQLError


class ApiError(GraphQLError):
    code: ClassVar[str]

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"
