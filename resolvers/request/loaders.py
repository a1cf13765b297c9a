"""Per-request loaders (resolvers.request.batching): a page of members costs one card query and
one relations query, not one per member. Both see only what the viewer may see (blocks hide,
R18)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, LiteralString

import cypher
from cypher.database import Database, Row
from resolvers.access.session import SessionCheck
from resolvers.request.batching import BatchLoader
from resolvers.request.clock import epoch_ms, ms
from resolvers.request.together import Together
from resolvers.rules.notifications import kept_since
from settings import Settings

MEMBER_CARDS = cypher.query("member_cards")
COMPANY_CARDS = cypher.query("company_cards")
MEMBER_RELATIONS = cypher.query("member_relations")
MEMBER_DEGREES = cypher.query("member_degrees")
COMPANY_RELATIONS = cypher.query("company_relations")
POST_CARDS = cypher.query("post_cards")
CONVERSATION_CARDS = cypher.query("conversation_cards")
MESSAGE_CARDS = cypher.query("message_cards")
INVITATION_CARDS = cypher.query("invitation_cards")
NOTIFICATION_CARDS = cypher.query("notification_cards")
VIEWER_ACCOUNT = cypher.query("viewer_account")
NO_SESSION = {"sessionMember": None, "sessionVersion": None}


class RelationNeed(Enum):
    """How much of the viewer's relation to a member a selection asks for (the GraphQL layer's
    look-ahead tells): all of it (relationship, actions), or its degree alone, much cheaper."""

    FULL = "full"
    DEGREE = "degree"


LoadFn = Callable[[Sequence[str]], Awaitable[list[Row | None]]]
ReadFn = Callable[..., Awaitable[list[Row]]]


def _by_id(read: ReadFn, query: LiteralString, **params: Any) -> LoadFn:
    """A batch load: `read` is the Database's `read` for a query that answers a row per id (the
    seldom long lists), or Together's `read_items` for one that answers them as one row (the
    cards and relations of a page, read side by side with the other batches of their turn)."""

    async def load(ids: Sequence[str]) -> list[Row | None]:
        rows = {row["id"]: row for row in await read(query, ids=list(ids), **params)}
        return [rows.get(key) for key in ids]

    return load


def limit_params(settings: Settings, now: datetime) -> dict[str, Any]:
    """The R6/R8 limits as query parameters, in epoch milliseconds where they are times."""
    now_ms = epoch_ms(now)
    return {
        "connectionLimit": settings.connection_limit,
        "weeklyLimit": settings.weekly_invitation_limit,
        "weekAgo": now_ms - ms(timedelta(days=7)),
        "cooldownStart": now_ms - ms(timedelta(days=settings.reinvite_cooldown_days)),
    }


class Loaders:
    """`session`: the request's session check, which the member card queries answer."""

    def __init__(
        self,
        db: Database,
        viewer_id: str | None,
        settings: Settings,
        now: datetime,
        session: SessionCheck | None = None,
    ) -> None:
        self._db = db
        self._viewer_id = viewer_id
        self._settings = settings
        self._now = now
        self._session = session
        self._together = Together(db)
        self.clear()

    def clear(self) -> None:
        """Forget what was loaded: a mutation changed it. The cards and relations of a page
        start loading at the same time and are read as one statement
        (resolvers.request.together)."""
        db, viewer, together = self._db, self._viewer_id, self._together
        self._account: asyncio.Task[Row | None] | None = None
        # Cards without their counts, and, for the fields that ask for them, with.
        self.member_cards: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(self._member_cards, MEMBER_CARDS, handle=None, counts=False)
        )
        self.counted_cards: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(self._member_cards, MEMBER_CARDS, handle=None, counts=True)
        )
        self.company_cards: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(together.read_items, COMPANY_CARDS)
        )
        self.relations: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(
                together.read_items, MEMBER_RELATIONS, viewer=viewer, handle=None, **self._limits()
            )
        )
        # The rest needs a signed-in viewer; anonymous requests never reach them.
        self.degrees: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(together.read_items, MEMBER_DEGREES, viewer=viewer, handle=None)
        )
        self.company_relations: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(db.read, COMPANY_RELATIONS, viewer=viewer)
        )
        self.posts: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(together.read_items, POST_CARDS, viewer=viewer)
        )
        self.conversations: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(db.read, CONVERSATION_CARDS, viewer=viewer)
        )
        self.messages: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(db.read, MESSAGE_CARDS, viewer=viewer)
        )
        self.invitations: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(db.read, INVITATION_CARDS, viewer=viewer)
        )
        kept = kept_since(self._settings, epoch_ms(self._now))
        self.notifications: BatchLoader[str, Row | None] = BatchLoader(
            _by_id(db.read, NOTIFICATION_CARDS, viewer=viewer, keptSince=kept)
        )

    def _limits(self) -> dict[str, Any]:
        return limit_params(self._settings, self._now)

    async def _member_cards(self, query: LiteralString, **params: Any) -> list[Row]:
        """Member cards (member_cards.cypher)."""
        session = self._session_params
        row = await self._together.read_one(
            query, ("rows", "session"), viewer=self._viewer_id, **params, **session
        )
        assert row is not None  # one row, whatever the ids
        return self._cards_of(row)

    @property
    def _session_params(self) -> dict[str, Any]:
        return self._session.params if self._session else NO_SESSION

    def _cards_of(self, answer: Row) -> list[Row]:
        """The cards of member_cards.cypher's row; the session check takes its answer."""
        if self._session is not None:
            self._session.answer(answer["session"])
        return list(answer["rows"])

    async def member_by_handle(
        self, handle: str, need: RelationNeed | None, counts: bool
    ) -> Row | None:
        """The card of the member with `handle` (None when missing or hidden), with its counts
        when `counts`, and with it, in the same statement, the viewer's relation to that member
        as far as `need` says (see schema.pipeline.lookahead). All land in the
        loaders' caches, where the fields below look for them."""
        card = self._member_cards(MEMBER_CARDS, ids=[], handle=handle, counts=counts)
        relations: list[Row] = []
        if need is None or self._viewer_id is None:
            cards = await card
        else:
            full = need is RelationNeed.FULL
            query, extra = (MEMBER_RELATIONS, self._limits()) if full else (MEMBER_DEGREES, {})
            viewer = self._viewer_id
            relation = self._together.read_items(
                query, ids=[], handle=handle, viewer=viewer, **extra
            )
            cards, relations = await asyncio.gather(card, relation)
        loader = self.relations if need is RelationNeed.FULL else self.degrees
        for row in relations:
            loader.prime(row["id"], row)
        for row in cards:
            self.member_cards.prime(row["id"], row)
            if counts:
                self.counted_cards.prime(row["id"], row)
        return cards[0] if cards else None

    async def if_signed_in(self, loader: BatchLoader[str, Row | None], key: str) -> Row | None:
        """`loader`'s row for a signed-in viewer; None for an anonymous one (R24: posts,
        conversations and relations are never public)."""
        return None if self._viewer_id is None else await loader.load(key)

    def card(self, member_id: str, counts: bool) -> Awaitable[Row | None]:
        """The member's card, with its counts when `counts`."""
        return (self.counted_cards if counts else self.member_cards).load(member_id)

    def start_relation(self, member_id: str, need: RelationNeed | None) -> None:
        """Start loading the viewer's relation to the member (in this batch tick), as far as
        `need` says; the fields await the same load later."""
        if need is RelationNeed.FULL:
            self.relations.load(member_id)
        elif need is RelationNeed.DEGREE:
            self.degrees.load(member_id)

    async def degree(self, member_id: str) -> str | None:
        """The viewer's degree to the member: from the whole relation where that is loading
        anyway, else from the cheaper degree query."""
        if self.relations.is_loading(member_id):
            relation = await self.relations.load(member_id)
        else:
            relation = await self.degrees.load(member_id)
        return str(relation["degree"]) if relation else None

    async def account(self) -> Row:
        """The viewer's own account (email, settings, credits, invitation log), read once."""
        if self._account is None:
            self._account = asyncio.ensure_future(
                self._db.read_one(VIEWER_ACCOUNT, id=self._viewer_id)
            )
        row = await self._account
        if row is None:  # the member was deleted after the token check
            raise LookupError(f"member {self._viewer_id} vanished")
        return row
