"""Length and format rules of R24 as pure functions: each returns the UserErrors it finds."""

from __future__ import annotations

import re

from schema.errors import UserError, invalid_input

HANDLE = re.compile(r"[a-z0-9-]{3,30}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NAME_MAX = 100
HEADLINE_MAX = 220
EMAIL_MAX = 254
PASSWORD_MIN = 12
# Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.
PASSWORD_MAX = 1024


def check_handle(handle: str) -> list[UserError]:
    if HANDLE.fullmatch(handle):
        return []
    return [invalid_input("handle", "A handle has 3 to 30 characters of a-z, 0-9 and '-'.")]


def check_name(name: str) -> list[UserError]:
    if not name.strip() or len(name) > NAME_MAX:
        return [invalid_input("name", f"A name has 1 to {NAME_MAX} characters.")]
    if CONTROL_CHARACTERS.search(name):
        return [invalid_input("name", "A name cannot contain control characters.")]
    return []


def check_headline(headline: str | None) -> list[UserError]:
    if headline is None:
        return []
    if len(headline) > HEADLINE_MAX:
        return [invalid_input("headline", f"A headline has at most {HEADLINE_MAX} characters.")]
    if CONTROL_CHARACTERS.search(headline):
        return [invalid_input("headline", "A headline cannot contain control characters.")]
    return []


def check_email(email: str) -> list[UserError]:
    if len(email) <= EMAIL_MAX and EMAIL.fullmatch(email):
        return []
    return [invalid_input("email", "This is not an e-mail address.")]


def check_password(password: str) -> list[UserError]:
    if PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return []
    return [
        invalid_input("password", f"A password has {PASSWORD_MIN} to {PASSWORD_MAX} characters.")
    ]


def email_key(email: str) -> str:
    """The form under which e-mails are unique and matched: case-insensitive (R5, R24)."""
    return email.strip().lower()


def clean_headline(headline: str | None) -> str | None:
    """An empty headline is no headline."""
    return headline.strip() or None if headline is not None else None
