"""signUp, signIn, signOut (R24)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

import cypher
from cypher.database import Transaction
from cypher.rows.accounts import SignedUp, SignInLookup, TakenFields, TokenVersion
from resolvers.access.tokens import issue_token
from resolvers.errors import ErrorCode, Refusal, Refused, refuse_any
from resolvers.request.context import Context
from resolvers.request.writes import write
from resolvers.rules.formats import (
    check_email,
    check_handle,
    check_headline,
    check_name,
    check_password,
    clean_headline,
    email_key,
)

SIGN_UP = cypher.query("sign_up", SignedUp)
TAKEN_FIELDS = cypher.query("taken_fields", TakenFields)
SIGN_IN_LOOKUP = cypher.query("sign_in_lookup", SignInLookup)
SIGN_OUT = cypher.query("sign_out", TokenVersion)

INVALID_CREDENTIALS = Refusal(
    ErrorCode.INVALID_CREDENTIALS, "The e-mail address or the password is wrong."
)


@dataclass(frozen=True)
class SignedIn:
    token: str
    member_id: str


def client_address(context: Context) -> str:
    """The key of the client's address the per-address limits count against (the edge reads
    it: resolvers.access.addresses)."""
    return context.caller.address if context.caller else "unknown"


async def sign_up(
    context: Context, handle: str, name: str, email: str, password: str, headline: str | None
) -> SignedIn:
    # Sign-up tells whether a handle or e-mail is taken (R24): limited against enumeration, so
    # every attempt counts, a refused one too.
    sign_ups = context.services.limits.sign_ups
    await sign_ups.take(context.db.write_one, client_address(context), context.now)
    refuse_any(
        [
            *check_handle(handle),
            *check_name(name),
            *check_email(email),
            *check_password(password),
            *check_headline(headline),
        ]
    )
    services = context.services
    params = {
        "id": str(uuid.uuid4()),
        "handle": handle,
        "name": name.strip(),
        "headline": clean_headline(headline),
        "email": email.strip(),
        "emailKey": email_key(email),
        "passwordHash": await services.passwords.hash(password),
        "inMailCredits": services.settings.inmail_starting_credits,
    }

    async def work(tx: Transaction) -> SignedIn:
        row = await tx.one(SIGN_UP, **params)
        assert row is not None  # CREATE always returns its row
        return SignedIn(issue_token(services.settings, row["id"], row["tokenVersion"]), row["id"])

    try:
        return await write(context, work, counted=False)  # no member yet to count against
    except ConstraintError:
        raise Refused(*await _taken(context, params)) from None


async def _taken(context: Context, params: dict[str, Any]) -> list[Refusal]:
    row = await context.db.read_one(
        TAKEN_FIELDS, handle=params["handle"], emailKey=params["emailKey"]
    )
    assert row is not None
    errors = []
    if row["handleTaken"]:
        errors.append(_taken_error("handle", "This handle is taken."))
    if row["emailTaken"]:
        errors.append(_taken_error("email", "An account with this e-mail address exists."))
    # The conflicting account vanished between the two queries: still a conflict, say so.
    return errors or [_taken_error("handle", "This handle or e-mail address is taken.")]


def _taken_error(field: str, message: str) -> Refusal:
    return Refusal(ErrorCode.TAKEN, message, field=("input", field))


async def sign_in(context: Context, email: str, password: str) -> SignedIn:
    services, now = context.services, context.now
    account, address = email_key(email), client_address(context)
    limits = services.limits

    async def count_attempt(tx: Transaction) -> int:
        # Counted as a failure until the password proves right: concurrent guesses are counted
        # before any of them is checked, so a burst gets no more tries than the limit.
        await limits.sign_ins.take(tx.one, address, now)
        return await limits.sign_in_failures.take(tx.one, account, now)

    failure = await context.db.transaction(count_attempt)
    row = await context.db.read_one(SIGN_IN_LOOKUP, emailKey=account)
    # Unknown e-mail and wrong password take the same path and the same time (R24).
    verified = await services.passwords.verify(row["passwordHash"] if row else None, password)
    if row is None or not verified:
        raise Refused(INVALID_CREDENTIALS)
    await limits.sign_in_failures.give_back(context.db.write_one, account, failure)
    return SignedIn(issue_token(services.settings, row["id"], row["tokenVersion"]), row["id"])


async def sign_out(context: Context) -> None:
    viewer = context.require_viewer()

    async def work(tx: Transaction) -> None:
        await tx.all(SIGN_OUT, id=viewer)

    await write(context, work)
