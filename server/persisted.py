"""Automatic persisted queries: Apollo's APQ protocol, which a client's persisted-queries link
speaks, so that a query can travel as its SHA-256 (and by GET, which a cache in front serves).

A request whose `extensions.persistedQuery` is `{"version": 1, "sha256Hash": h}`:
  with its `query`: the text must hash to `h` (else 400); it is remembered and runs.
  without:          the text remembered for `h` runs; when none is, the answer is
                    `PersistedQueryNotFound` (code PERSISTED_QUERY_NOT_FOUND, HTTP 200, not
                    cached), and the client sends the text with the hash.
Other versions answer 400. The texts are remembered per process, in a bounded LRU: a miss costs
the client one round trip, so nothing needs sharing between processes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import OrderedDict

from strawberry.http import GraphQLRequestData

SHA256 = re.compile(r"[0-9a-f]{64}")
# The texts one process remembers, in characters: the operations of a few hundred clients'
# versions, bounded whatever a client registers (a text is at most the body limit).
MAX_CHARACTERS = 5_000_000
NOT_CACHED = {"Cache-Control": "private, no-cache, must-revalidate"}


class PersistedQueryRefused(Exception):
    """The request cannot run as sent: its status, message and code for the answer."""

    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code
        self.headers = NOT_CACHED if status == 200 else {}


NOT_FOUND = ("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")


class PersistedQueries:
    def __init__(self, max_characters: int = MAX_CHARACTERS) -> None:
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._characters = 0
        self._max_characters = max_characters

    def resolve(self, request: GraphQLRequestData) -> GraphQLRequestData:
        """The request with its text: as sent, or remembered for its hash."""
        persisted = (request.extensions or {}).get("persistedQuery")
        if persisted is None:
            return request
        digest = _digest(persisted)
        if request.query is None:
            text = self._texts.get(digest)
            if text is None:
                raise PersistedQueryRefused(200, *NOT_FOUND)
            self._texts.move_to_end(digest)
            return dataclasses.replace(request, query=text)
        if hashlib.sha256(request.query.encode()).hexdigest() != digest:
            raise PersistedQueryRefused(400, "provided sha does not match query", "BAD_REQUEST")
        self._remember(digest, request.query)
        return request

    def _remember(self, digest: str, text: str) -> None:
        if digest in self._texts or len(text) > self._max_characters:
            return
        self._texts[digest] = text
        self._characters += len(text)
        while self._characters > self._max_characters:
            _, dropped = self._texts.popitem(last=False)
            self._characters -= len(dropped)


def _digest(persisted: object) -> str:
    """The hash of a `persistedQuery` extension; 400 for another version or a malformed one."""
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise PersistedQueryRefused(400, "Unsupported persisted query version", "BAD_REQUEST")
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not SHA256.fullmatch(digest):
        message = "persistedQuery.sha256Hash must be a SHA-256 in lowercase hex"
        raise PersistedQueryRefused(400, message, "BAD_REQUEST")
    return digest
