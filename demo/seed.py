"""Loads the demo network, idempotently: members already there are left as they are."""

from __future__ import annotations

import uuid

import cypher
from cypher.database import Database
from demo.data import PEOPLE, SETTINGS, email_of
from resolvers.passwords import Passwords
from resolvers.validation import email_key

EXISTING_HANDLES = cypher.query("demo_existing_handles")
SEED_MEMBERS = cypher.query("demo_seed_members")


async def seed(db: Database, passwords: Passwords, password: str, inmail_credits: int) -> int:
    """Create the demo members that are missing; returns how many were created."""
    existing = await db.read_one(EXISTING_HANDLES, handles=[handle for handle, _, _ in PEOPLE])
    present = set(existing["handles"]) if existing else set()
    members = [
        {
            "id": str(uuid.uuid4()),
            "handle": handle,
            "name": name,
            "headline": headline,
            "email": email_of(handle),
            "emailKey": email_key(email_of(handle)),
            "passwordHash": await passwords.hash(password),
            "settings": SETTINGS.get(handle, {}),
        }
        for handle, name, headline in PEOPLE
        if handle not in present
    ]
    if members:
        await db.write(SEED_MEMBERS, members=members, inMailCredits=inmail_credits)
    return len(members)
