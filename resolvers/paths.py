"""R23: how the viewer is connected to a member of degree 2 or 3."""

from __future__ import annotations

import cypher
from resolvers.context import Context

PATH_FROM_VIEWER = cypher.query("path_from_viewer")


async def path_from_viewer(context: Context, member: str) -> list[str | None] | None:
    """The ids from the viewer to the member, the withheld one None; None unless degree 2/3."""
    row = await context.db.read_one(PATH_FROM_VIEWER, viewer=context.viewer_id, member=member)
    return row["path"] if row else None
