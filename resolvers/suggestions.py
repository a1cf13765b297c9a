"""R21: people the viewer may know, with the evidence."""

from __future__ import annotations

import cypher
from cypher.database import Row
from resolvers.context import Context
from resolvers.pages import page_size

PEOPLE_YOU_MAY_KNOW = cypher.query("people_you_may_know")


async def people_you_may_know(context: Context, viewer: str, first: int | None) -> list[Row]:
    limit = page_size(first, default=10)
    return await context.db.read(PEOPLE_YOU_MAY_KNOW, viewer=viewer, limit=limit)
