"""Safe retries of creating mutations (rules, "Errors": requestId).

Inside the creating transaction, `claim` takes the request key's lock and answers the id of what
the first request with the same viewer, mutation and requestId created within a day, or the
new id when this request is the first: then the caller creates it, in the same transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import cypher
from cypher.database import Transaction

CLAIM_REQUEST = cypher.query("claim_request")
DAY = timedelta(days=1)


async def claim(
    tx: Transaction, viewer: str, mutation: str, request_id: str | None, new_id: str, now: datetime
) -> str:
    """The id to answer with: `new_id` when this request must create it."""
    if request_id is None:
        return new_id
    now_ms = int(now.timestamp() * 1000)
    row = await tx.one(
        CLAIM_REQUEST,
        key=f"{viewer}:{mutation}:{request_id}",
        newId=new_id,
        now=now_ms,
        dayAgo=now_ms - int(DAY.total_seconds() * 1000),
    )
    assert row is not None  # MERGE always answers
    return str(row["resultId"])
