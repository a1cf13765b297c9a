"""Loads the demo network, idempotently: members already there are left as they are."""

from __future__ import annotations

import uuid
from pathlib import Path

import cypher
from cypher.database import Database, Row
from demo.data import (
    BLOCKS,
    COMPANIES,
    CONNECTIONS,
    FOLLOWS,
    INVITATIONS,
    MESSAGES,
    PEOPLE,
    POSTS,
    SETTINGS,
    email_of,
)
from resolvers.access.passwords import Passwords
from resolvers.rules.formats import email_key

HERE = Path(__file__).resolve().parent  # the demo's queries lie beside it
EXISTING_HANDLES = cypher.query("existing_handles", Row, HERE)
SEED_MEMBERS = cypher.query("seed_members", Row, HERE)
SEED_NETWORK = cypher.query("seed_network", Row, HERE)
SEED_CONTENT = cypher.query("seed_content", Row, HERE)
MEMBER_IDS = cypher.query("member_ids", Row, HERE)


async def seed(db: Database, passwords: Passwords, password: str, inmail_credits: int) -> int:
    """Create the demo members that are missing and their network (idempotent); returns how
    many members were created."""
    existing = await db.read_one(EXISTING_HANDLES, handles=[handle for handle, _, _ in PEOPLE])
    present = set(existing["handles"]) if existing else set()
    members = [
        {
            "id": fixed_id("member", handle),
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
            {
                "id": fixed_id("invitation", a, b),
                "from": a,
                "to": b,
                "message": message,
                "ignored": ignored,
            }
            for a, b, message, ignored in INVITATIONS
        ],
        blocks=BLOCKS,
    )
    await seed_content(db)
    return len(members)


def fixed_id(*parts: str) -> str:
    """The same id on every run, so that seeding again finds what it made before."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "vernetzt-demo:" + ":".join(parts)))


async def seed_content(db: Database) -> None:
    row = await db.read_one(MEMBER_IDS, handles=[handle for handle, _, _ in PEOPLE])
    member_ids: dict[str, str] = dict(row["pairs"]) if row else {}

    def pair(a: str, b: str) -> str:
        return ":".join(sorted((member_ids[a], member_ids[b])))

    await db.write(
        SEED_CONTENT,
        companies=[
            {
                "handle": handle,
                "id": fixed_id("company", handle),
                "name": name,
                "description": description,
                "admins": admins,
                "followers": followers,
                "employees": employees,
            }
            for handle, name, description, admins, followers, employees in COMPANIES
        ],
        posts=[
            {
                "id": fixed_id("post", key),
                "author": author,
                "text": text,
                "audience": audience,
                "hoursAgo": hours,
                "sharedId": fixed_id("post", shared) if shared else None,
            }
            for key, author, text, audience, hours, shared in POSTS
        ],
        messages=[
            {
                "id": fixed_id("message", str(i)),
                "conversationId": fixed_id("conversation", *sorted((a, b))),
                "pair": pair(a, b),
                "from": a,
                "to": b,
                "kind": kind,
                "subject": subject,
                "body": body,
                "hoursAgo": hours,
            }
            for i, (a, b, kind, subject, body, hours) in enumerate(MESSAGES)
        ],
    )
