"""What every resolver of the schema receives: strawberry's Info over the work's Context."""

from __future__ import annotations

import strawberry

from resolvers.request.context import Context

Info = strawberry.Info[Context, None]
