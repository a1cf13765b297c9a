"""Read-your-writes on a Neo4j cluster: the bookmark a client carries from a write to its reads.

A request that wrote answers with a `Vernetzt-Bookmark` header; a client that sends it back on
its next requests, through whichever API process, reads no older state than its own write.
The header is signed with the server's secret: a bookmark names a transaction the reading
server waits for, and one from the future would hold a request (and a pooled connection) for
a minute before Neo4j gives up, so only bookmarks this service issued are accepted.
Without a routing driver (`bolt://`, one server) no header is read or written.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac

import orjson

from resolvers.errors import BadUserInput

HEADER = "Vernetzt-Bookmark"
# A cluster's bookmark is one short string per database; room for a few, not for a flood.
MAX_HEADER_LENGTH = 2048
MAX_BOOKMARKS = 8


class InvalidBookmark(BadUserInput):
    """The request's bookmark header was not one this service issued."""


def sign_bookmarks(secret: str, bookmarks: list[str]) -> str:
    """The header value for `bookmarks`: their JSON list and its HMAC, both base64url."""
    payload = _encode(orjson.dumps(sorted(bookmarks)))
    return f"{payload}.{_signature(secret, payload)}"


def read_bookmarks(secret: str, header: str | None) -> list[str]:
    """The bookmarks of a header this service signed; [] without one; InvalidBookmark else."""
    if not header:
        return []
    payload, dot, signature = header.strip().partition(".")
    if len(header) > MAX_HEADER_LENGTH or not dot:
        raise InvalidBookmark(f"The {HEADER} header is malformed; send back the one you got.")
    if not hmac.compare_digest(signature.encode(), _signature(secret, payload).encode()):
        raise InvalidBookmark(f"The {HEADER} header was not issued by this service.")
    bookmarks = orjson.loads(_decode(payload))
    if not isinstance(bookmarks, list) or len(bookmarks) > MAX_BOOKMARKS:
        raise InvalidBookmark(f"The {HEADER} header holds too many bookmarks.")
    return [str(bookmark) for bookmark in bookmarks]


def _signature(secret: str, payload: str) -> str:
    return _encode(hmac.digest(_key(secret), payload.encode(), hashlib.sha256))


@functools.cache
def _key(secret: str) -> bytes:
    # Derived, so that a bookmark's signature can never pass for a token's, nor the reverse.
    return hmac.digest(secret.encode(), b"vernetzt bookmark header", hashlib.sha256)


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise InvalidBookmark(f"The {HEADER} header is malformed.") from None
