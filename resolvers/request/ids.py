"""Opaque global IDs: base64url("Type:key"), so `node(id)` knows what to look up. The work
decodes the IDs it is given (after the viewer check, so an anonymous caller hears
UNAUTHENTICATED first), because which type an ID names is part of some rules (a company is
followed, not invited: R20).

Decoding an ID that is not one of ours (or of another type than expected) is BAD_USER_INPUT:
the request itself is malformed, which is not a rule of the network.
"""

from __future__ import annotations

import base64
import binascii

from resolvers.errors import BadUserInput

TYPES = frozenset(
    {"Member", "Company", "Post", "Invitation", "Conversation", "Message", "Notification"}
)


def encode(type_name: str, key: str) -> str:
    raw = f"{type_name}:{key}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(global_id: str) -> tuple[str, str]:
    """(type, key) of one of our IDs; BadUserInput for anything else."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
    except (ValueError, UnicodeError, binascii.Error):
        raise BadUserInput(f"{global_id!r} is not a Vernetzt ID") from None
    type_name, _, key = raw.partition(":")
    if type_name not in TYPES or not key:
        raise BadUserInput(f"{global_id!r} is not a Vernetzt ID")
    return type_name, key


def decode_as(global_id: str, *expected: str) -> tuple[str, str]:
    """Like decode, but the type must be one of `expected`."""
    type_name, key = decode(global_id)
    if type_name not in expected:
        raise BadUserInput(f"{global_id!r} is not the ID of a {' or '.join(expected)}")
    return type_name, key


def pair_key(a: str, b: str) -> str:
    """The unordered pair of two members' keys: lower id first (the `pair` of a connection,
    an invitation, a conversation, a notification)."""
    return ":".join(sorted((a, b)))
