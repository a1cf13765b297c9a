"""Applies cypher/migrations.cypher and tells whether the database carries all of it."""

from __future__ import annotations

import re

import cypher
from cypher.database import Database

MIGRATIONS = cypher.statements("migrations")
CONSTRAINT_NAMES = cypher.query("constraint_names")
EXPECTED_NAMES = frozenset(
    match.group(1)
    for statement in MIGRATIONS
    if (match := re.match(r"CREATE (?:CONSTRAINT|(?:\w+ )?INDEX) (\w+)", statement))
)


async def apply_migrations(db: Database) -> None:
    # Schema statements cannot share a transaction with each other's data: one at a time.
    for statement in MIGRATIONS:
        await db.write(statement)


async def is_migrated(db: Database) -> bool:
    row = await db.read_one(CONSTRAINT_NAMES)
    present = set(row["names"]) if row else set()
    return present >= EXPECTED_NAMES
