"""requestDataExport (R28): everything the network keeps about the member, as one JSON
document (format vernetzt-export/1, described in docs/account.md), limited to one per member
per `export_interval_minutes`.

Each list is read in pages of PAGE_SIZE items, each page its own short read, keyed by what it is
ordered by: a member with 30,000 connections costs 4 queries for them (the last finds the end),
and no transaction holds the whole export. Other members appear only as what the member may see
of them: handle and name, never an e-mail; R13, R18 and R25 apply as in the lists the API
serves."""

from __future__ import annotations

import asyncio
from datetime import UTC, timedelta
from typing import Any, LiteralString

import orjson

import cypher
from resolvers import ids
from resolvers.clock import epoch_ms, from_epoch_ms
from resolvers.context import Context
from resolvers.errors import ErrorCode, RateLimited, Refusal, Refused
from resolvers.rate_limits import RateLimit
from resolvers.rules.notifications import kept_since

FORMAT = "vernetzt-export/1"
PAGE_SIZE = 10_000
SLICE = 1_000  # items of a list written between two turns of the event loop

EXPORT_PROFILE = cypher.query("export_profile")
# Each list: its query, the key before the first one, and what the query needs besides.
LISTS: list[tuple[str, LiteralString, Any, dict[str, Any]]] = [
    ("connections", cypher.query("export_connections"), "", {}),
    ("followers", cypher.query("export_followers"), "", {}),
    ("following", cypher.query("export_following"), "", {}),
    ("invitationsSent", cypher.query("export_invitations"), "", {"sent": True}),
    ("invitationsReceived", cypher.query("export_invitations"), "", {"sent": False}),
    ("blocks", cypher.query("export_blocks"), "", {}),
    ("dismissed", cypher.query("export_dismissed"), "", {}),
    ("posts", cypher.query("export_posts"), "", {}),
]
EXPORT_MESSAGES = cypher.query("export_messages")
EXPORT_NOTIFICATIONS = cypher.query("export_notifications")
# Properties held as epoch milliseconds, written as ISO 8601 in the document.
TIMES = {"joinedAt", "since", "sentAt", "blockedAt", "createdAt"}


# A failed export is given back to the interval, but an attempt is counted in a window of its
# own, so that an export that keeps failing cannot be asked for again and again.
RETRY_COOL_DOWN = timedelta(minutes=2)


async def request_data_export(context: Context) -> str:
    """The member's export as a JSON string; EXPORT_LIMIT with retryAfter within the interval,
    or within the cool-down after a failed one."""
    viewer = context.require_viewer()
    interval, attempts = _limits(context)
    taken = await _take(context, interval, viewer)
    try:
        await _take(context, attempts, viewer)
        async with context.services.export_turn:
            return await _json(await _document(context, viewer))
    except BaseException:
        # Nothing was handed over: the interval is given back (an attempt's cool-down is not).
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


async def _document(context: Context, viewer: str) -> dict[str, Any]:
    head = await context.db.read_one(EXPORT_PROFILE, id=viewer)
    assert head is not None  # the session check found the member
    document: dict[str, Any] = {
        "format": FORMAT,
        "createdAt": _iso(epoch_ms(context.now)),
        "profile": _times(head["profile"]),
        "settings": head["settings"],
        "inMailCredits": head["inMailCredits"],
    }
    kept = kept_since(context.settings, epoch_ms(context.now))
    # The lists are independent reads: side by side, the database reads one while the driver
    # decodes another. A member with 30,000 connections: 5.2-5.8 s instead of 7.0, for 20-25
    # MiB more memory at the peak (bench/studies/leaving_cost.py).
    lists = await asyncio.gather(
        *(_pages(context, query, first, id=viewer, **params) for _, query, first, params in LISTS),
        _pages(context, EXPORT_MESSAGES, ["", -1], id=viewer),
        _pages(context, EXPORT_NOTIFICATIONS, -1, id=viewer, keptSince=kept),
    )
    for (name, *_), items in zip(LISTS, lists, strict=False):
        document[name] = items
    document["posts"] = [_with_api_ids(post) for post in document["posts"]]
    document["conversations"] = _conversations(lists[-2])
    document["notifications"] = lists[-1]
    document["companies"] = head["companies"]
    return document


async def _pages(context: Context, query: LiteralString, after: Any, **params: Any) -> list[Any]:
    """Every item of a keyset-paged export query, one short read per page (each answers one
    row, `page`: its items with their keys)."""
    items: list[Any] = []
    while True:
        row = await context.db.read_one(query, after=after, size=PAGE_SIZE, **params)
        page = row["page"] if row else []
        items.extend(_times(entry["item"]) for entry in page)
        if len(page) < PAGE_SIZE:
            return items
        after = page[-1]["key"]


async def _json(document: dict[str, Any]) -> str:
    """The document as JSON, each list written a slice at a time with the event loop free in
    between: written at once, 100,000 posts held every request of the process for seconds (and
    an encoder in a thread would hold the interpreter just the same)."""
    members = [
        orjson.dumps(key) + b":" + await _json_value(value) for key, value in document.items()
    ]
    return (b"{" + b",".join(members) + b"}").decode()


async def _json_value(value: Any) -> bytes:
    if not isinstance(value, list):
        return orjson.dumps(value)
    slices = []
    for at in range(0, len(value), SLICE):
        slices.append(orjson.dumps(value[at : at + SLICE])[1:-1])
        await asyncio.sleep(0)
    return b"[" + b",".join(slices) + b"]"


def _with_api_ids(post: dict[str, Any]) -> dict[str, Any]:
    """A post with the ids the API gives it (Node ids), the original of a share too."""
    shared = post["sharedPost"]
    if shared is not None:
        shared = {**shared, "id": ids.encode("Post", shared["id"])}
    return {**post, "id": ids.encode("Post", post["id"]), "sharedPost": shared}


def _conversations(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages in conversation order, grouped: each conversation with the other member."""
    conversations: dict[str, dict[str, Any]] = {}
    for message in messages:
        key, kind, other = message.pop("conversation"), message.pop("kind"), message.pop("with")
        conversation = conversations.setdefault(key, {"kind": kind, "with": other, "messages": []})
        conversation["messages"].append(message)
    return list(conversations.values())


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
