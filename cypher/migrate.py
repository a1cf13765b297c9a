"""Applies cypher/migrations.cypher and tells whether the database carries all of it."""

from __future__ import annotations

import re
from typing import TypedDict

from neo4j.exceptions import ClientError

import cypher
from cypher.database import Database


class SchemaRuleNames(TypedDict):
    names: list[str]


MIGRATIONS = cypher.statements("migrations")
CONSTRAINT_NAMES = cypher.query("constraint_names", SchemaRuleNames)
EXPECTED_NAMES = frozenset(
    match.group(1)
    for statement in MIGRATIONS
    if (match := re.match(r"CREATE (?:CONSTRAINT|(?:\w+ )?INDEX) (\w+)", statement))
)


# What a statement's IF NOT EXISTS can still answer when another process creates the same rule
# at the same moment: the rule is there, which is all this process wanted.
ALREADY_THERE = frozenset(
    {
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
        "Neo.ClientError.Schema.ConstraintWithNameAlreadyExists",
        "Neo.ClientError.Schema.IndexWithNameAlreadyExists",
    }
)


async def apply_migrations(db: Database) -> None:
    """Safe to run from several processes at once (several API processes starting together)."""
    # Schema statements cannot share a transaction with each other's data: one at a time.
    for statement in MIGRATIONS:
        try:
            await db.write(statement)
        except ClientError as error:
            if error.code not in ALREADY_THERE:
                raise


async def is_migrated(db: Database) -> bool:
    row = await db.read_one(CONSTRAINT_NAMES)
    present = set(row["names"]) if row else set()
    return present >= EXPECTED_NAMES
