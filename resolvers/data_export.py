"""requestDataExport and the download GET /export (R28): everything the network keeps about
the member, as one JSON document (format vernetzt-export/1, described in docs/account.md),
limited to one per member per `export_interval_minutes`; the mutation answers documents up to
`export_max_bytes`, the download any, written as it is read.

Each list is read in pages of PAGE_SIZE items, each page its own short read, keyed by what it is
ordered by: a member with 30,000 connections costs 16 queries for them (the last finds the
end), and no transaction holds the whole export. Other members appear only as what the member
may see of them: handle and name, never an e-mail; R13, R18 and R25 apply as in the lists the
API serves."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, timedelta
from typing import Any

import orjson

import cypher
from cypher import Query
from cypher.rows.leaving import ExportPage, ExportProfile
from resolvers.access.rate_limits import RateLimit
from resolvers.errors import ErrorCode, RateLimited, Refusal, Refused
from resolvers.request import ids
from resolvers.request.clock import epoch_ms, from_epoch_ms
from resolvers.request.context import Context
from resolvers.rules.notifications import kept_since

FORMAT = "vernetzt-export/1"
PAGE_SIZE = 2_000  # a page of posts of 3,000 characters is 6 MB to decode at once
SLICE = 1_000  # items of a list written between two turns of the event loop

EXPORT_PROFILE = cypher.query("export_profile", ExportProfile)
# Each list: its query, the key before the first one, and what the query needs besides.
LISTS: list[tuple[str, Query[ExportPage], Any, dict[str, Any]]] = [
    ("connections", cypher.query("export_connections", ExportPage), "", {}),
    ("followers", cypher.query("export_followers", ExportPage), "", {}),
    ("following", cypher.query("export_following", ExportPage), "", {}),
    ("invitationsSent", cypher.query("export_invitations", ExportPage), "", {"sent": True}),
    ("invitationsReceived", cypher.query("export_invitations", ExportPage), "", {"sent": False}),
    ("blocks", cypher.query("export_blocks", ExportPage), "", {}),
    ("dismissed", cypher.query("export_dismissed", ExportPage), "", {}),
    ("posts", cypher.query("export_posts", ExportPage), "", {}),
]
EXPORT_MESSAGES = cypher.query("export_messages", ExportPage)
EXPORT_NOTIFICATIONS = cypher.query("export_notifications", ExportPage)
# Properties held as epoch milliseconds, written as ISO 8601 in the document.
TIMES = {"joinedAt", "since", "sentAt", "blockedAt", "createdAt"}


# A failed export is given back to the interval, but an attempt is counted in a window of its
# own, so that an export that keeps failing cannot be asked for again and again.
RETRY_COOL_DOWN = timedelta(minutes=2)


async def request_data_export(context: Context) -> str:
    """The member's export as one JSON string; EXPORT_LIMIT with retryAfter within the interval
    or within the cool-down after a failed one; EXPORT_TOO_LARGE past `export_max_bytes`,
    whose answer is the download (`download`, GET /export)."""
    viewer = context.require_viewer()
    limit = context.settings.export_max_bytes
    async with _allowance(context, viewer):
        chunks, size = [], 0
        async for chunk in document_chunks(context, viewer):
            size += len(chunk)
            if size > limit:
                message = (
                    f"Your data is more than {limit // 1_000_000} MB: download it from "
                    "GET /export with your token (docs/account.md)."
                )
                raise Refused(Refusal(ErrorCode.EXPORT_TOO_LARGE, message))
            chunks.append(chunk)
        return b"".join(chunks).decode()


async def download(context: Context) -> AsyncIterator[bytes]:
    """The same document as `request_data_export`, of any size, as it is read (GET /export):
    never more than a page of it in memory. Counted against the same interval."""
    viewer = context.require_viewer()
    async with _allowance(context, viewer):
        async for chunk in document_chunks(context, viewer):
            yield chunk


@contextlib.asynccontextmanager
async def _allowance(context: Context, viewer: str) -> AsyncIterator[None]:
    """The export's interval and an attempt's cool-down taken, one export at a time in this
    process. When what runs within fails, nothing was handed over: the interval is given back,
    and so is the attempt when it was refused by the rules (too large: the download awaits)."""
    interval, attempts = _limits(context)
    taken = await _take(context, interval, viewer)
    try:
        attempted = await _take(context, attempts, viewer)
        try:
            async with context.services.export_turn:
                yield
        except Refused:
            await attempts.give_back(context.db.write_one, viewer, attempted)
            raise
    except BaseException:
        await interval.give_back(context.db.write_one, viewer, taken)
        raise


def _limits(context: Context) -> tuple[RateLimit, RateLimit]:
    minutes = context.settings.export_interval_minutes
    interval = RateLimit("exports", 1, timedelta(minutes=minutes), "data exports")
    attempts = RateLimit("export-attempts", 1, RETRY_COOL_DOWN, "data export attempts")
    return interval, attempts


async def _take(context: Context, limit: RateLimit, viewer: str) -> int:
    try:
        return await limit.take(context.db.write_one, viewer, context.now)
    except RateLimited as limited:
        message = "You asked for an export a short while ago; the next one can be made later."
        refusal = Refusal(ErrorCode.EXPORT_LIMIT, message, retry_after=limited.retry_after)
        raise Refused(refusal) from None


async def document_chunks(context: Context, viewer: str) -> AsyncIterator[bytes]:
    """The export document as JSON, a page of a list at a time, as it is read: its keys in the
    order of docs/account.md."""
    head = await context.db.read_one(EXPORT_PROFILE, id=viewer)
    assert head is not None  # the session check found the member
    opening = {
        "format": FORMAT,
        "createdAt": _iso(epoch_ms(context.now)),
        "profile": _times(head["profile"]),
        "settings": head["settings"],
        "inMailCredits": head["inMailCredits"],
    }
    yield orjson.dumps(opening)[:-1]  # without its closing brace: the lists follow
    for name, query, first, params in LISTS:
        items = _items(context, query, first, id=viewer, **params)
        if name == "posts":
            items = _with_api_ids(items)
        yield b"," + _key(name) + b"["
        async for chunk in _joined(items):
            yield chunk
        yield b"]"
    yield b"," + _key("conversations") + b"["
    async for chunk in _conversations(_items(context, EXPORT_MESSAGES, ["", -1], id=viewer)):
        yield chunk
    kept = kept_since(context.settings, epoch_ms(context.now))
    yield b"]," + _key("notifications") + b"["
    async for chunk in _joined(
        _items(context, EXPORT_NOTIFICATIONS, -1, id=viewer, keptSince=kept)
    ):
        yield chunk
    yield b"]," + _key("companies") + orjson.dumps(head["companies"]) + b"}"


def _key(name: str) -> bytes:
    return orjson.dumps(name) + b":"


async def _items(
    context: Context, query: Query[ExportPage], after: Any, **params: Any
) -> AsyncIterator[Any]:
    """Every item of a keyset-paged export query, one short read per page (each answers one
    row, `page`: its items with their keys); the event loop is free between pages."""
    while True:
        row = await context.db.read_one(query, after=after, size=PAGE_SIZE, **params)
        page = row["page"] if row else []
        for entry in page:
            yield _times(entry["item"])
        if len(page) < PAGE_SIZE:
            return
        after = page[-1]["key"]


async def _joined(items: AsyncIterator[Any]) -> AsyncIterator[bytes]:
    """The items as the inside of a JSON list, a slice at a time."""
    batch: list[Any] = []
    written = False
    async for item in items:
        batch.append(item)
        if len(batch) == SLICE:
            yield (b"," if written else b"") + orjson.dumps(batch)[1:-1]
            batch, written = [], True
    if batch:
        yield (b"," if written else b"") + orjson.dumps(batch)[1:-1]


async def _with_api_ids(posts: AsyncIterator[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    """Each post with the ids the API gives it (Node ids), the original of a share too."""
    async for post in posts:
        shared = post["sharedPost"]
        if shared is not None:
            shared = {**shared, "id": ids.encode("Post", shared["id"])}
        yield {**post, "id": ids.encode("Post", post["id"]), "sharedPost": shared}


async def _conversations(messages: AsyncIterator[dict[str, Any]]) -> AsyncIterator[bytes]:
    """Messages in conversation order, grouped as they come: each conversation with the other
    member and its messages."""
    current = None
    async for message in messages:
        key, kind, other = message.pop("conversation"), message.pop("kind"), message.pop("with")
        if key != current:
            opening = orjson.dumps({"kind": kind, "with": other, "messages": []})[:-2]
            yield (b"]}," if current is not None else b"") + opening
            current = key
        else:
            yield b","
        yield orjson.dumps(message)
    if current is not None:
        yield b"]}"


def _times(item: Any) -> Any:
    """`item` with its epoch-millisecond times as ISO 8601 strings (UTC), nested ones too."""
    if not isinstance(item, dict):
        return item
    return {
        key: _iso(value) if key in TIMES and isinstance(value, int) else _times(value)
        for key, value in item.items()
    }


def _iso(value_ms: int) -> str:
    return from_epoch_ms(value_ms).astimezone(UTC).isoformat().replace("+00:00", "Z")
