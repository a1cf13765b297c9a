"""signUp, signIn, signOut (R24)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from neo4j.exceptions import ConstraintError

import cypher
from resolvers.context import Info, require_viewer
from resolvers.tokens import issue_token
from resolvers.validation import (
    check_email,
    check_handle,
    check_headline,
    check_name,
    check_password,
    clean_headline,
    email_key,
)
from schema.accounts import AuthPayload, SignInInput, SignOutPayload, SignUpInput
from schema.errors import ErrorCode, UserError
from schema.members import load_member

SIGN_UP = cypher.query("sign_up")
TAKEN_FIELDS = cypher.query("taken_fields")
SIGN_IN_LOOKUP = cypher.query("sign_in_lookup")
SIGN_OUT = cypher.query("sign_out")

INVALID_CREDENTIALS = UserError(
    code=ErrorCode.INVALID_CREDENTIALS, message="The e-mail address or the password is wrong."
)


def client_address(info: Info) -> str:
    request = info.context.request
    return request.client.host if request and request.client else "unknown"


async def sign_up(info: Info, data: SignUpInput) -> AuthPayload:
    # Sign-up tells whether a handle or e-mail is taken (R24): limited against enumeration.
    sign_ups, address = info.context.services.limits.sign_ups, client_address(info)
    sign_ups.check(address, info.context.now, "sign-ups from this address")
    sign_ups.hit(address, info.context.now)
    errors = [
        *check_handle(data.handle),
        *check_name(data.name),
        *check_email(data.email),
        *check_password(data.password),
        *check_headline(data.headline),
    ]
    if errors:
        return AuthPayload(token=None, member=None, errors=errors)
    services = info.context.services
    params = {
        "id": str(uuid.uuid4()),
        "handle": data.handle,
        "name": data.name.strip(),
        "headline": clean_headline(data.headline),
        "email": data.email.strip(),
        "emailKey": email_key(data.email),
        "passwordHash": await services.passwords.hash(data.password),
        "inMailCredits": services.settings.inmail_starting_credits,
    }
    try:
        row = await services.db.write_one(SIGN_UP, **params)
    except ConstraintError:
        return AuthPayload(token=None, member=None, errors=await _taken(info, params))
    assert row is not None  # CREATE always returns its row
    token = issue_token(services.settings, row["id"], row["tokenVersion"])
    return AuthPayload(token=token, member=await load_member(info, row["id"]), errors=[])


async def _taken(info: Info, params: Mapping[str, object]) -> list[UserError]:
    row = await info.context.db.read_one(
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


def _taken_error(field: str, message: str) -> UserError:
    return UserError(code=ErrorCode.TAKEN, message=message, field=["input", field])


async def sign_in(info: Info, data: SignInInput) -> AuthPayload:
    services, now = info.context.services, info.context.now
    account, address = email_key(data.email), client_address(info)
    services.limits.sign_ins.check(address, now, "sign-ins from this address")
    services.limits.sign_in_failures.check(account, now, "failed sign-ins for this account")
    services.limits.sign_ins.hit(address, now)
    row = await services.db.read_one(SIGN_IN_LOOKUP, emailKey=account)
    # Unknown e-mail and wrong password take the same path and the same time (R24).
    verified = await services.passwords.verify(row["passwordHash"] if row else None, data.password)
    if row is None or not verified:
        services.limits.sign_in_failures.hit(account, now)
        return AuthPayload(token=None, member=None, errors=[INVALID_CREDENTIALS])
    token = issue_token(services.settings, row["id"], row["tokenVersion"])
    return AuthPayload(token=token, member=await load_member(info, row["id"]), errors=[])


async def sign_out(info: Info) -> SignOutPayload:
    viewer = require_viewer(info)
    await info.context.db.write(SIGN_OUT, id=viewer)
    return SignOutPayload(signed_out=True, errors=[])
