"""Refusals as the contract serves them: UserError, and the payloads' one way to answer.

Every mutation's root field is `Payload.answer(info, work)`: `work` is the resolver's call; when
it raises Refused (its transaction rolled back, resolvers.request.writes), the payload answers null
fields and the refusals as `errors`; otherwise the payload builds itself from what the resolver
answered (`of`). Top-level errors (resolvers.errors.ApiError) pass through untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable
from datetime import datetime
from typing import Any, Self

import strawberry

from resolvers.errors import Refusal, Refused
from schema.enums import ErrorCode
from schema.info import Info


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

    @classmethod
    def of(cls, refusal: Refusal) -> UserError:
        field = list(refusal.field) if refusal.field else None
        return cls(
            code=refusal.code,
            message=refusal.message,
            field=field,
            retry_after=refusal.retry_after,
        )


class Payload:
    """Base of the mutations' payloads (strawberry types whose last field is `errors`)."""

    @classmethod
    async def answer(cls, info: Info, work: Awaitable[Any]) -> Self:
        try:
            result = await work
        except Refused as refused:
            return cls.refused(refused)
        return await cls.of(info, result)

    @classmethod
    async def of(cls, info: Info, result: Any) -> Self:
        """The payload of a mutation that did what it was asked, from the resolver's answer."""
        raise NotImplementedError

    @classmethod
    def refused(cls, refused: Refused) -> Self:
        fields: dict[str, Any] = dict.fromkeys(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
        fields["errors"] = [UserError.of(refusal) for refusal in refused.refusals]
        return cls(**fields)
