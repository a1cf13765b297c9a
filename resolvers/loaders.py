"""Per-request DataLoaders: a page of members costs one card query, not one per member."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import LiteralString

from strawberry.dataloader import DataLoader

import cypher
from cypher.database import Database, Row

MEMBER_CARDS = cypher.query("member_cards")
COMPANY_CARDS = cypher.query("company_cards")


def _by_id(
    db: Database, query: LiteralString
) -> Callable[[Sequence[str]], Awaitable[list[Row | None]]]:
    async def load(ids: Sequence[str]) -> list[Row | None]:
        rows = {row["id"]: row for row in await db.read(query, ids=list(ids))}
        return [rows.get(key) for key in ids]

    return load


class Loaders:
    def __init__(self, db: Database) -> None:
        self.member_cards: DataLoader[str, Row | None] = DataLoader(_by_id(db, MEMBER_CARDS))
        self.company_cards: DataLoader[str, Row | None] = DataLoader(_by_id(db, COMPANY_CARDS))
