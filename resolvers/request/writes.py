"""The one way a mutation writes.

A mutation checks its input first (rules.formats; a fault raises Refused before any transaction),
then hands its work to `write`: one managed transaction that reads the state it decides on,
decides with a pure rule (resolvers.rules), and writes. A refusal is raised as Refused: the
transaction rolls back and the refusal reaches the payload. The one refusal that still writes
(R5: a wrong e-mail uses up one of the weekly invitations) is returned as a Refused instead of
raised: the transaction commits, then `write` raises it. After a commit the request's loaders
are cleared, so the payload reads what the mutation wrote. Each write of a member is counted
against the member's write limit inside its transaction (resolvers.access.rate_limits). The
work may run twice (the driver retries transient errors), so it reads its state inside the
transaction.

Creating mutations go through `create`, which makes them safe to retry (rules, "Errors":
requestId): inside the transaction it takes the request key's lock and answers the id of what
the first request with the same viewer, mutation and requestId created within a day.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import cypher
from cypher.database import Transaction
from cypher.rows.accounts import ClaimedRequest
from resolvers.errors import Refused
from resolvers.request.clock import epoch_ms, ms
from resolvers.request.context import Context

CLAIM_REQUEST = cypher.query("claim_request", ClaimedRequest)
REQUEST_ID_LIFETIME = timedelta(days=1)

T = TypeVar("T")


async def write(
    context: Context, work: Callable[[Transaction], Awaitable[T | Refused]], counted: bool = True
) -> T:
    """Run `work` as one transaction and answer what it answers; a raised Refused rolls it back,
    a returned one is raised after the commit. A signed-in member's write is counted against
    their write limit in the same transaction (`counted`): RateLimited when it is used up."""
    viewer = context.viewer_id

    async def counted_work(tx: Transaction) -> T | Refused:
        answer = await work(tx)
        # Last, so that the member's window stays locked only for the commit: concurrent writes
        # of one member wait on each other that long, not for the whole of each write.
        if counted and viewer is not None:
            await context.services.limits.writes.take(tx.one, viewer, context.now)
        return answer

    answer = await context.db.transaction(counted_work)
    context.loaders.clear()  # what this request loaded before is stale now
    if isinstance(answer, Refused):
        raise answer
    return answer


async def create(
    context: Context,
    mutation: str,
    request_id: str | None,
    work: Callable[[Transaction, str], Awaitable[None]],
) -> str:
    """The id of what `work(tx, new_id)` creates; with a requestId seen before (same viewer and
    mutation, within a day), the first request's id, and `work` does not run."""
    viewer, new_id = context.require_viewer(), str(uuid.uuid4())

    async def claimed(tx: Transaction) -> str:
        created = new_id
        if request_id is not None:
            created = await _claim(tx, f"{viewer}:{mutation}:{request_id}", new_id, context)
        if created == new_id:
            await work(tx, new_id)
        return created

    return await write(context, claimed)


async def _claim(tx: Transaction, key: str, new_id: str, context: Context) -> str:
    now = epoch_ms(context.now)
    row = await tx.one(
        CLAIM_REQUEST, key=key, newId=new_id, now=now, dayAgo=now - ms(REQUEST_ID_LIFETIME)
    )
    assert row is not None  # MERGE always answers
    return str(row["resultId"])
