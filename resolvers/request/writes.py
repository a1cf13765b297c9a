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

The connecting and following mutations write in one statement instead (`decided_write`): the
state is read on its own, beside the session check, the rule decides on it in Python, and one
statement then reads the state again under the pair's lock, and only if it is unchanged takes
the write limit, writes and notifies (cypher.in_order). Two round trips, where a transaction of
a read, a write, a notification and the limit's take costs six; a state that changed meanwhile
is read and decided again. A member's post, with no state to decide on, is one statement too
(`create_in_one`).

Creating mutations go through `create`, which makes them safe to retry (rules, "Errors":
requestId): inside the transaction it takes the request key's lock and answers the id of what
the first request with the same viewer, mutation and requestId created within a day.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Generic, LiteralString, TypeVar

import cypher
from cypher import Query
from cypher.database import Transaction
from cypher.in_order import UNCHANGED, InOrder, Step, in_order
from cypher.rows.accounts import ClaimedRequest
from resolvers.access.rate_limits import RateCell
from resolvers.errors import Refused
from resolvers.request.clock import epoch_ms, ms
from resolvers.request.context import Context

CLAIM_REQUEST = cypher.query("claim_request", ClaimedRequest)
REQUEST_ID_LIFETIME = timedelta(days=1)

T = TypeVar("T")
S = TypeVar("S", bound=Mapping[str, Any])  # the row of the state a write decides on
# How often a write is decided again because its state changed between the read and the write:
# only a write of the same pair committing in between changes it.
DECISIONS = 5
# The condition of the steps that write: the write limit let this one through.
TAKEN: LiteralString = "take.takenAt IS NOT NULL"


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
    row = await tx.one(CLAIM_REQUEST, **_claim_params(key, new_id, context))
    assert row is not None  # MERGE always answers
    return str(row["resultId"])


def _claim_params(key: str, new_id: str, context: Context) -> dict[str, Any]:
    now = epoch_ms(context.now)
    return {"key": key, "newId": new_id, "now": now, "dayAgo": now - ms(REQUEST_ID_LIFETIME)}


@dataclass(frozen=True)
class Creation:
    """The statements of a creating write that has no state to decide on (a member's post):
    the write limit's take, then, when the client sent a requestId, the claim of its key, then
    the query `create`, only when the claim is this request's (the one without a requestId
    creates when the limit lets it)."""

    unclaimed: InOrder
    claimed: InOrder

    @classmethod
    def of(cls, create: Query[Any]) -> Creation:
        take = Step(RateCell.query)
        return cls(
            in_order(take=take, create=Step(create, when=TAKEN)),
            in_order(
                take=take,
                claim=Step(CLAIM_REQUEST, when=TAKEN),
                create=Step(create, when="claim.resultId = $claim_newId"),
            ),
        )


async def create_in_one(
    context: Context,
    mutation: str,
    request_id: str | None,
    creation: Creation,
    params: Callable[[str], Mapping[str, Any]],
) -> str:
    """As `create`, in one statement: the id of what `creation` creates with `params(new_id)`,
    or with a requestId seen before, the first request's id."""
    limit = context.services.limits.writes
    viewer, new_id = context.require_viewer(), str(uuid.uuid4())
    steps = {"take": limit.params(viewer, context.now), "create": params(new_id)}
    statement = creation.unclaimed
    if request_id is not None:
        key = f"{viewer}:{mutation}:{request_id}"
        steps["claim"] = _claim_params(key, new_id, context)
        statement = creation.claimed
    row = await context.db.write_one(statement.query, **statement.params(**steps))
    assert row is not None  # in_order answers one row
    limit.taken(row["take"])
    context.loaders.clear()  # what this request loaded before is stale now
    return str(row["claim"]["resultId"]) if request_id is not None else new_id


def decided_statement(state: Query[Any], **steps: Step) -> InOrder:
    """The statement of a `decided_write`: the step `state` (its query locks what it reads),
    `take` (the write limit) only when the state is the one decided on, then `steps` (each
    `when=TAKEN`, or on a step after that)."""
    return in_order(state=Step(state), take=Step(RateCell.query, when=UNCHANGED), **steps)


@dataclass(frozen=True)
class Decided(Generic[T]):
    """What a rule decided to write: the statement, each of its steps' parameters (`state`'s
    as the read's), and what the write answers from the statement's row (a Refused that still
    writes, R5, is answered after it)."""

    statement: InOrder
    params: Mapping[str, Mapping[str, Any]]
    answer: Callable[[Mapping[str, Any]], T | Refused]


async def decided_write(
    context: Context,
    read: Callable[[], Awaitable[S | None]],
    decide: Callable[[S | None], Decided[T]],
) -> T:
    """`read()` the state, let `decide` refuse (raise Refused) or say what to write, and write it
    in one statement (`decided_statement`) that writes only if the state is unchanged under its
    locks; if it changed, read and decide again. The member's write is counted against the
    write limit in that statement: RateLimited, with nothing written, when it is used up."""
    limit = context.services.limits.writes
    viewer = context.require_viewer()
    for _ in range(DECISIONS):
        state = await read()
        decided = decide(state)
        take = limit.params(viewer, context.now)
        params = decided.statement.params(take=take, **decided.params)
        row = await context.db.write_one(decided.statement.query, decidedOn=state, **params)
        assert row is not None  # in_order answers one row
        if row["take"] is None:  # the state changed since it was read
            continue
        limit.taken(row["take"])
        context.loaders.clear()  # what this request loaded before is stale now
        answer = decided.answer(row)
        if isinstance(answer, Refused):
            raise answer
        return answer
    raise RuntimeError(f"the state of {decided.statement.query.name} kept changing")
