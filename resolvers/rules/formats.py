"""Every length and format limit of the contract (R4, R12, R16, R17, R20, R22, R24), as pure
checks: each returns the refusals (INVALID_INPUT, naming the input field) it finds, so that a
mutation can report all of its input's faults at once, before any transaction."""

from __future__ import annotations

import re

from resolvers.errors import BadUserInput, Refusal, invalid_input

HANDLE = re.compile(r"[a-z0-9-]{3,30}")  # members' and companies' handles (R20, R24)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NAME_MAX = 100
HEADLINE_MAX = 220
EMAIL_MAX = 254
PASSWORD_MIN = 12
# Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.
PASSWORD_MAX = 1024
INVITATION_MESSAGE_MAX = 300  # R4
POST_TEXT_MAX = 3000  # R17
MESSAGE_BODY_MAX = 2000  # R12, R16
INMAIL_SUBJECT_MAX = 200  # R16
COMPANY_DESCRIPTION_MAX = 2000  # R20
SEARCH_TEXT_MAX = 200  # R22: a malformed request (BAD_USER_INPUT), not a rule's refusal
SEARCH_WORDS_MAX = 8
SEARCH_REACH = 1000  # R22: search reaches the best 1,000 matches


def check_handle(handle: str) -> list[Refusal]:
    if HANDLE.fullmatch(handle):
        return []
    return [invalid_input("handle", "A handle has 3 to 30 characters of a-z, 0-9 and '-'.")]


def check_name(name: str) -> list[Refusal]:
    if not name.strip() or len(name) > NAME_MAX:
        return [invalid_input("name", f"A name has 1 to {NAME_MAX} characters.")]
    if CONTROL_CHARACTERS.search(name):
        return [invalid_input("name", "A name cannot contain control characters.")]
    return []


def check_headline(headline: str | None) -> list[Refusal]:
    if headline is None:
        return []
    if len(headline) > HEADLINE_MAX:
        return [invalid_input("headline", f"A headline has at most {HEADLINE_MAX} characters.")]
    if CONTROL_CHARACTERS.search(headline):
        return [invalid_input("headline", "A headline cannot contain control characters.")]
    return []


def check_email(email: str) -> list[Refusal]:
    if len(email) <= EMAIL_MAX and EMAIL.fullmatch(email):
        return []
    return [invalid_input("email", "This is not an e-mail address.")]


def check_password(password: str) -> list[Refusal]:
    if PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return []
    return [
        invalid_input("password", f"A password has {PASSWORD_MIN} to {PASSWORD_MAX} characters.")
    ]


def check_invitation_message(message: str | None) -> list[Refusal]:
    if message and len(message) > INVITATION_MESSAGE_MAX:
        text = f"An invitation's message has at most {INVITATION_MESSAGE_MAX} characters."
        return [invalid_input("message", text)]
    return []


def check_post_text(text: str | None, required: bool) -> list[Refusal]:
    if text is None or not text.strip():
        message = f"A post has 1 to {POST_TEXT_MAX} characters."
        return [invalid_input("text", message)] if required else []
    if len(text) > POST_TEXT_MAX:
        return [invalid_input("text", f"A post has at most {POST_TEXT_MAX} characters.")]
    return []


def check_message_body(body: str) -> list[Refusal]:
    if not body.strip() or len(body) > MESSAGE_BODY_MAX:
        return [invalid_input("body", f"A message has 1 to {MESSAGE_BODY_MAX} characters.")]
    return []


def check_inmail_subject(subject: str) -> list[Refusal]:
    if not subject.strip() or len(subject) > INMAIL_SUBJECT_MAX:
        return [invalid_input("subject", f"A subject has 1 to {INMAIL_SUBJECT_MAX} characters.")]
    return []


def check_company_description(description: str | None) -> list[Refusal]:
    if description and len(description) > COMPANY_DESCRIPTION_MAX:
        return [invalid_input("description", f"At most {COMPANY_DESCRIPTION_MAX} characters.")]
    return []


def lucene_query(text: str) -> str | None:
    """R22: every word of a search as a prefix, all required; None when the text has no word;
    BadUserInput when it is too long to be a search. Only word characters reach Lucene, so its
    syntax (quotes, colons, wildcards) cannot be injected."""
    if len(text) > SEARCH_TEXT_MAX:
        raise BadUserInput(f"a search has at most {SEARCH_TEXT_MAX} characters")
    words = re.findall(r"\w+", text.lower())[:SEARCH_WORDS_MAX]
    return " AND ".join(f"{word}*" for word in words) if words else None


def email_key(email: str) -> str:
    """The form under which e-mails are unique and matched: case-insensitive (R5, R24)."""
    return email.strip().lower()


def clean_headline(headline: str | None) -> str | None:
    """An empty headline is no headline."""
    return headline.strip() or None if headline is not None else None
