"""Loads the demo network, idempotently: members already there are left as they are."""

from __future__ import annotations

import uuid

import cypher
from cypher.database import Database
from demo.data import BLOCKS, CONNECTIONS, FOLLOWS, INVITATIONS, PEOPLE, SETTINGS, email_of
from resolvers.passwords import Passwords
from resolvers.validation import email_key

EXISTING_HANDLES = cypher.query("demo_existing_handles")
SEED_MEMBERS = cypher.query("demo_seed_members")
SEED_NETWORK = cypher.query("demo_seed_network")


async def seed(db: Database, passwords: Passwords, password: str, inmail_credits: int) -> int:
    """Create the demo members that are missing and their network (idempotent); returns how
    many members were created."""
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
    await db.write(
        SEED_NETWORK,
        connections=CONNECTIONS,
        follows=FOLLOWS,
        invitations=[
            # A fixed id per pair: seeding again finds the same invitation.
            {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"vernetzt-demo:{a}:{b}")), "from": a,
             "to": b, "message": message, "ignored": ignored}
            for a, b, message, ignored in INVITATIONS
        ],
        blocks=BLOCKS,
    )  # fmt: skip
    return len(members)
