"""How Vernetzt fails, in three kinds. A leaf: every layer raises these, and it imports nothing
of the project.

refusal by the rules     -> Refused(Refusal, ...) raised by the work; the mutation's transaction
                            rolls back and the payload answers each Refusal as a UserError in
                            its `errors` (schema.errors.Payload)
ApiError                 -> top-level error with extensions.code (graphql-core carries an
                            exception's `extensions` into the GraphQL error it makes of it)
  +-- Unauthenticated       UNAUTHENTICATED: needs a signed-in member, or a bad/expired token
  +-- BadUserInput          BAD_USER_INPUT: malformed arguments (an ID not of ours, a bad range)
  +-- NotFound              NOT_FOUND: a subscription to what the viewer may not see
  +-- RateLimited           RATE_LIMITED, with extensions.retryAfter
anything else            -> masked: INTERNAL_SERVER_ERROR, nothing internal revealed; the log
                            gets the whole story (schema.pipeline.masking)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import ClassVar


class ErrorCode(Enum):
    """The codes of the rules' refusals (contract: ErrorCode)."""

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
    EXPORT_LIMIT = "EXPORT_LIMIT"
    EXPORT_TOO_LARGE = "EXPORT_TOO_LARGE"


@dataclass(frozen=True)
class Refusal:
    """One refusal by the rules: what the payload's UserError says."""

    code: ErrorCode
    message: str
    field: tuple[str, ...] | None = None  # the input field concerned, e.g. ("input", "email")
    retry_after: datetime | None = None  # limits and cooldowns: when it becomes possible


def refusal(code: ErrorCode, message: str, retry_after: datetime | None = None) -> Refusal:
    return Refusal(code, message, retry_after=retry_after)


def invalid_input(field: str, message: str) -> Refusal:
    """INVALID_INPUT for one field of the mutation's `input` argument."""
    return Refusal(ErrorCode.INVALID_INPUT, message, field=("input", field))


class Refused(Exception):
    """Raised by the work to refuse by the rules. Inside a transaction it rolls the transaction
    back, so a refused mutation changes nothing; the payload answers with its refusals."""

    def __init__(self, *refusals: Refusal) -> None:
        super().__init__("; ".join(refusal.message for refusal in refusals))
        self.refusals = refusals


def refuse_any(refusals: list[Refusal]) -> None:
    """Raise Refused when input checks found anything (they run before any transaction)."""
    if refusals:
        raise Refused(*refusals)


# What a client is told whenever the database cannot be reached (SERVICE_UNAVAILABLE).
UNREACHABLE_MESSAGE = "The database is unreachable or busy; try again shortly."
# What a client is told when its request's work reached the time limit (TIMEOUT).
TIMEOUT_MESSAGE = (
    "This request needed more work than one request may do; narrow it or try again later."
)


class ApiError(Exception):
    """A top-level error: the request (or this field) cannot be answered at all. Plain Python,
    so that the work needs no GraphQL: `extensions` is what the client reads beside the
    message."""

    code: ClassVar[str]

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.extensions: dict[str, str] = {"code": self.code}


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


class NotFound(ApiError):
    """A subscription to something the viewer may not see (R27): as a top-level error, since a
    subscription has no payload to carry a UserError."""

    code = "NOT_FOUND"


class RateLimited(ApiError):
    """`limit` names the limit (for the metrics; the client reads `retryAfter`)."""

    code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after: datetime, limit: str) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.limit = limit
        self.extensions = {"code": self.code, "retryAfter": retry_after.isoformat()}
