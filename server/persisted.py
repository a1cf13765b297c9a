"""Automatic persisted queries: Apollo's APQ protocol, which a client's persisted-queries link
speaks, so that a query can travel as its SHA-256 (and by GET, which a cache in front serves).

A request whose `extensions.persistedQuery` is `{"version": 1, "sha256Hash": h}`:
  with its `query`: the text must hash to `h` (else 400); it is remembered and runs.
  without:          the text remembered for `h` runs; when none is, the answer is
                    `PersistedQueryNotFound` (code PERSISTED_QUERY_NOT_FOUND, HTTP 200, not
                    cached), and the client sends the text with the hash.
Other versions answer 400. The texts are remembered per process, in a bounded LRU: a miss costs
the client one round trip, so nothing needs sharing between processes.

The release's own operations (web/operations.json: every operation of the web client, by hash)
are known from the start and never forgotten. With `trusted_only` (VERNETZT_TRUSTED_OPERATIONS_ONLY,
for production: trusted documents, as the OWASP GraphQL cheat sheet advises) they are the only
ones that run, by hash or by text; anything else answers 400 OPERATION_NOT_TRUSTED.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

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
NOT_TRUSTED = (
    "This server runs only the operations its clients ship with (trusted documents).",
    "OPERATION_NOT_TRUSTED",
)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def read_operations(path: Path) -> dict[str, str]:
    """A list of operations by hash (web/operations.json), each checked against its hash."""
    operations = json.loads(path.read_text(encoding="utf-8"))
    wrong = [digest for digest, text in operations.items() if sha256(text) != digest]
    if wrong:
        raise ValueError(f"{path}: {len(wrong)} operations do not hash to their key")
    return dict(operations)


class PersistedQueries:
    """`known`: the release's operations by hash; `trusted_only`: run those alone."""

    def __init__(
        self,
        known: Mapping[str, str] | None = None,
        trusted_only: bool = False,
        max_characters: int = MAX_CHARACTERS,
    ) -> None:
        self._known = dict(known or {})
        self._trusted_only = trusted_only
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._characters = 0
        self._max_characters = max_characters

    def resolve(self, request: GraphQLRequestData) -> GraphQLRequestData:
        """The request with its text: as sent, or known or remembered for its hash."""
        persisted = (request.extensions or {}).get("persistedQuery")
        if persisted is None:
            if request.query is not None:
                self._check_trusted(sha256(request.query))
            return request
        digest = _digest(persisted)
        if request.query is None:
            return dataclasses.replace(request, query=self._text_of(digest))
        if sha256(request.query) != digest:
            raise PersistedQueryRefused(400, "provided sha does not match query", "BAD_REQUEST")
        self._check_trusted(digest)
        if digest not in self._known:
            self._remember(digest, request.query)
        return request

    def trusted(self, text: str) -> bool:
        """Whether `text` may run (always, unless only the release's operations may)."""
        return not self._trusted_only or sha256(text) in self._known

    def _text_of(self, digest: str) -> str:
        if (known := self._known.get(digest)) is not None:
            return known
        self._check_trusted(digest)
        text = self._texts.get(digest)
        if text is None:
            raise PersistedQueryRefused(200, *NOT_FOUND)
        self._texts.move_to_end(digest)
        return text

    def _check_trusted(self, digest: str) -> None:
        if self._trusted_only and digest not in self._known:
            raise PersistedQueryRefused(400, *NOT_TRUSTED)

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
