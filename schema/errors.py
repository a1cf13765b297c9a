"""The refusals of the rules as data: ErrorCode and UserError (contract)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry


@strawberry.enum
class ErrorCode(Enum):
    NOT_FOUND = "NOT_FOUND"
    SELF_ACTION = "SELF_ACTION"
    ALREADY_CONNECTED = "ALREADY_CONNECTED"
    INVITATION_PENDING = "INVITATION_PENDING"
    EMAIL_REQUIRED = "EMAIL_REQUIRED"
    CONNECTION_LIMIT = "CONNECTION_LIMIT"
    INVITATION_LIMIT = "INVITATION_LIMIT"
    REINVITE_COOLDOWN = "REINVITE_COOLDOWN"
    NOT_CONNECTED = "NOT_CONNECTED"
    NOT_CONNECTABLE = "NOT_CONNECTABLE"
    FOLLOW_NOT_ALLOWED = "FOLLOW_NOT_ALLOWED"
    INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS"
    INMAIL_NOT_ALLOWED = "INMAIL_NOT_ALLOWED"
    NOT_SHAREABLE = "NOT_SHAREABLE"
    FORBIDDEN = "FORBIDDEN"
    TAKEN = "TAKEN"
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"


@strawberry.type(description="A refusal by the rules of the network.")
class UserError:
    code: ErrorCode
    message: str
    field: list[str] | None = strawberry.field(
        default=None,
        description="Path of the input field concerned, e.g. ['input', 'message'].",
    )
    retry_after: datetime | None = strawberry.field(
        default=None,
        description="For limits and cooldowns: when the action becomes possible again.",
    )


def invalid_input(field: str, message: str) -> UserError:
    """INVALID_INPUT for one field of the mutation's `input` argument."""
    return UserError(code=ErrorCode.INVALID_INPUT, message=message, field=["input", field])


class Refused(Exception):
    """Raised inside a transaction to refuse by the rules: the transaction rolls back, so a
    refused mutation changes nothing, and the refusal becomes the payload's `errors`."""

    def __init__(self, error: UserError) -> None:
        super().__init__(error.message)
        self.error = error


def refusal(code: ErrorCode, message: str, retry_after: datetime | None = None) -> UserError:
    return UserError(code=code, message=message, retry_after=retry_after)
