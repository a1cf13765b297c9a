"""deleteAccount (R28): the member, after giving the password again, and everything that is
theirs, in one transaction with its own time limit."""

from __future__ import annotations

import cypher
from cypher.database import Transaction
from cypher.rows import NoColumns
from cypher.rows.leaving import CompanyName, Deleted, DeletionLookup
from resolvers.errors import ErrorCode, Refusal, Refused, Unauthenticated
from resolvers.request.context import Context

DELETION_LOOKUP = cypher.query("deletion_lookup", DeletionLookup)
SOLE_ADMIN_COMPANIES = cypher.query("sole_admin_companies", CompanyName)
DELETE_MEMBER = cypher.query("delete_member", Deleted)
LOCK_LEAVING_MEMBER = cypher.query("lock_leaving_member", NoColumns)

WRONG_PASSWORD = Refusal(
    ErrorCode.INVALID_CREDENTIALS, "The password is wrong.", field=("input", "password")
)


async def delete_account(context: Context, password: str) -> None:
    """Deletes the signed-in member. Their tokens end with them (a session needs the member),
    and their open sockets close at the next check (R27)."""
    viewer = context.require_viewer()
    await _confirm_password(context, viewer, password)

    async def work(tx: Transaction) -> None:
        await tx.all(LOCK_LEAVING_MEMBER, id=viewer)  # before anything is read
        sole = [row["name"] for row in await tx.all(SOLE_ADMIN_COMPANIES, id=viewer)]
        if sole:
            raise Refused(_still_sole_admin(sole))
        await tx.all(DELETE_MEMBER, id=viewer)

    time_limit = context.settings.delete_account_timeout_seconds
    await context.db.transaction(work, time_limit=time_limit)
    context.loaders.clear()


async def _confirm_password(context: Context, viewer: str, password: str) -> None:
    """The password again, counted like a sign-in against the account (R24): a failure uses up
    one of the account's tries, so a stolen token cannot guess the password here either."""
    services, now = context.services, context.now
    row = await context.db.read_one(DELETION_LOOKUP, id=viewer)
    if row is None:  # deleted meanwhile, by a request of the same member
        raise Unauthenticated("The token is no longer valid; sign in again.")
    failures = services.limits.sign_in_failures
    failure = await context.db.transaction(lambda tx: failures.take(tx.one, row["emailKey"], now))
    if not await services.passwords.verify(row["passwordHash"], password):
        raise Refused(WRONG_PASSWORD)
    await failures.give_back(context.db.write_one, row["emailKey"], failure)


def _still_sole_admin(companies: list[str]) -> Refusal:
    names = ", ".join(companies)
    message = f"You are the only admin of {names}: add another admin first (R20)."
    return Refusal(ErrorCode.FORBIDDEN, message)
