"""The one place that writes a GraphQL error body for a request the edge refuses before (or
instead of) running it: a bad token, a database that is down, a foreign bookmark, a body over
the limit. Refusals inside a GraphQL execution are answered by Strawberry with the codes the
pipeline gives them (schema.pipeline.masking)."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

# The answer whenever the database cannot be reached, here and inside an execution alike.
from resolvers.errors import UNREACHABLE_MESSAGE
from server import metrics


def error_body(message: str, code: str, with_data: bool = True) -> dict[str, object]:
    """`{"data": null, "errors": [...]}` with one error and its code; without `data` for a
    request that is no GraphQL request yet (a body over the limit is never read)."""
    errors = [{"message": message, "extensions": {"code": code}}]
    return {"data": None, "errors": errors} if with_data else {"errors": errors}


def error_response(
    status: int,
    message: str,
    code: str,
    headers: Mapping[str, str] | None = None,
    with_data: bool = True,
) -> JSONResponse:
    body = error_body(message, code, with_data)
    metrics.answered(code)
    return JSONResponse(body, status_code=status, headers=headers)


def unreachable_response() -> JSONResponse:
    """The database is down: 503, and when to try again (contract: SERVICE_UNAVAILABLE)."""
    return error_response(503, UNREACHABLE_MESSAGE, "SERVICE_UNAVAILABLE", {"Retry-After": "5"})
