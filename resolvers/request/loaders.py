"""Per-request loaders (resolvers.request.batching): a page of members costs one card query and
one relations query, not one per member. Both see only what the viewer may see (blocks hide,
R18)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

import cypher
from cypher import Query
from cypher.database import Database
from cypher.rows import Id, Rows
from cypher.rows.companies import CompanyCard, CompanyRelation
from cypher.rows.members import (
    InvitationCard,
    MemberCard,
    MemberCards,
    MemberDegree,
    MemberRelation,
    ViewerAccount,
)
from cypher.rows.messaging import ConversationCard, MessageCard
from cypher.rows.network import RelationshipFacts
from cypher.rows.notifications import NotificationCard
from cypher.rows.posts import PostCard
from resolvers.access.session import SessionCheck
from resolvers.request.batching import BatchLoader, Soon, settled, then
from resolvers.request.clock import epoch_ms, ms
from resolvers.request.together import Together
from resolvers.rules.notifications import kept_since
from settings import Settings

MEMBER_CARDS = cypher.query("member_cards", MemberCards)
COMPANY_CARDS = cypher.query("company_cards", Rows[CompanyCard])
# The degree (R10) in both, and the mutual count in member_relations, from the network index
# where Neo4j has it (cypher.Indexed, docs/discovery.md).
BY_INDEX = {
    "hops_by_shortest": "hops_by_index",
    "mutual_count_by_list": "mutual_count_by_index",
    "viewer_connections_listed": "viewer_connections_unlisted",
}
MEMBER_RELATIONS = cypher.Indexed(
    cypher.query("member_relations", Rows[MemberRelation]),
    cypher.query("member_relations", Rows[MemberRelation], parts=BY_INDEX),
)
MEMBER_DEGREES = cypher.Indexed(
    cypher.query("member_degrees", Rows[MemberDegree]),
    cypher.query("member_degrees", Rows[MemberDegree], parts=BY_INDEX),
)
COMPANY_RELATIONS = cypher.query("company_relations", CompanyRelation)
POST_CARDS = cypher.query("post_cards", Rows[PostCard])
CONVERSATION_CARDS = cypher.query("conversation_cards", ConversationCard)
MESSAGE_CARDS = cypher.query("message_cards", MessageCard)
INVITATION_CARDS = cypher.query("invitation_cards", InvitationCard)
NOTIFICATION_CARDS = cypher.query("notification_cards", NotificationCard)
VIEWER_ACCOUNT = cypher.query("viewer_account", ViewerAccount)
RELATIONSHIP_FACTS = cypher.query("relationship_facts", Rows[RelationshipFacts])
NO_SESSION = {"sessionMember": None, "sessionVersion": None}
R = TypeVar("R", bound=Id)  # a row of one of the ids asked for


class RelationNeed(Enum):
    """How much of the viewer's relation to a member a selection asks for (the GraphQL layer's
    look-ahead tells): all of it (relationship, actions) and with it R29's explanation of it
    (capabilities, options), all of it alone, or its degree alone, much cheaper."""

    EXPLAINED = "explained"
    FULL = "full"
    DEGREE = "degree"


LoadFn = Callable[[Sequence[str]], Awaitable[list[R | None]]]


def _by_id(rows_of: Callable[[list[str]], Awaitable[list[R]]]) -> LoadFn[R]:
    """A batch load: `rows_of(ids)` reads the rows of those ids, in any order, a missing or
    hidden one left out; the batch answers a row or None per id, in the order asked."""

    async def load(ids: Sequence[str]) -> list[R | None]:
        rows = {row["id"]: row for row in await rows_of(list(ids))}
        return [rows.get(key) for key in ids]

    return load


def _degree_of(row: MemberRelation | MemberDegree | None) -> str | None:
    return row["degree"] if row else None


def _prime(loader: BatchLoader[str, R | None], rows: list[R]) -> None:
    for row in rows:
        loader.prime(row["id"], row)


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
        together: Together | None = None,
    ) -> None:
        self._db = db
        self._viewer_id = viewer_id
        self._settings = settings
        self._now = now
        self._session = session
        self._together = together or Together(db)
        self.clear()

    @property
    def together(self) -> Together:
        """Reads of one row started in one turn go as one statement (a write's state, beside
        the session check)."""
        return self._together

    def clear(self) -> None:
        """Forget what was loaded: a mutation changed it. Each loader is made when first used
        (most requests use two or three of the twelve), so forgetting is dropping the made ones."""
        self._account: asyncio.Task[ViewerAccount | None] | None = None
        for name in _made_when_used():
            self.__dict__.pop(name, None)

    # The cards and relations of a page start loading at the same time and are read as one
    # statement (resolvers.request.together): Together's `read_items` reads a page's rows as
    # one row, side by side with the other batches of their turn. The seldom long lists read
    # a row per id (the Database's `read`).

    @functools.cached_property
    def member_cards(self) -> BatchLoader[str, MemberCard | None]:
        """Cards without their counts."""
        return BatchLoader(
            _by_id(lambda ids: self._member_cards(ids=ids, handle=None, counts=False))
        )

    @functools.cached_property
    def counted_cards(self) -> BatchLoader[str, MemberCard | None]:
        """Cards with their counts, for the fields that ask for them."""
        return BatchLoader(
            _by_id(lambda ids: self._member_cards(ids=ids, handle=None, counts=True))
        )

    @functools.cached_property
    def company_cards(self) -> BatchLoader[str, CompanyCard | None]:
        return BatchLoader(_by_id(lambda ids: self._together.read_items(COMPANY_CARDS, ids=ids)))

    @functools.cached_property
    def relations(self) -> BatchLoader[str, MemberRelation | None]:
        query, limits = MEMBER_RELATIONS.on(self._db), self._limits()
        return BatchLoader(_by_id(lambda ids: self._viewer_rows(query, ids, **limits)))

    # The rest needs a signed-in viewer; anonymous requests never reach them.

    @functools.cached_property
    def degrees(self) -> BatchLoader[str, MemberDegree | None]:
        query = MEMBER_DEGREES.on(self._db)
        return BatchLoader(_by_id(lambda ids: self._viewer_rows(query, ids)))

    @functools.cached_property
    def relationship_facts(self) -> BatchLoader[str, RelationshipFacts | None]:
        """Read only where R29's explanation is asked for (Relationship.capabilities, options)."""
        return BatchLoader(_by_id(lambda ids: self._viewer_rows(RELATIONSHIP_FACTS, ids)))

    @functools.cached_property
    def company_relations(self) -> BatchLoader[str, CompanyRelation | None]:
        return self._read_per_id(COMPANY_RELATIONS)

    @functools.cached_property
    def posts(self) -> BatchLoader[str, PostCard | None]:
        viewer = self._viewer_id
        return BatchLoader(
            _by_id(lambda ids: self._together.read_items(POST_CARDS, ids=ids, viewer=viewer))
        )

    @functools.cached_property
    def conversations(self) -> BatchLoader[str, ConversationCard | None]:
        return self._read_per_id(CONVERSATION_CARDS)

    @functools.cached_property
    def messages(self) -> BatchLoader[str, MessageCard | None]:
        return self._read_per_id(MESSAGE_CARDS)

    @functools.cached_property
    def invitations(self) -> BatchLoader[str, InvitationCard | None]:
        return self._read_per_id(INVITATION_CARDS)

    @functools.cached_property
    def notifications(self) -> BatchLoader[str, NotificationCard | None]:
        kept = kept_since(self._settings, epoch_ms(self._now))
        return self._read_per_id(NOTIFICATION_CARDS, keptSince=kept)

    def _viewer_rows(
        self, query: Query[Rows[R]], ids: list[str], **params: Any
    ) -> Awaitable[list[R]]:
        """The rows of `ids` as the viewer relates to them, read as one row (Together)."""
        return self._together.read_items(
            query, ids=ids, viewer=self._viewer_id, handle=None, **params
        )

    def _read_per_id(self, query: Query[R], **params: Any) -> BatchLoader[str, R | None]:
        """A loader whose query answers a row per id it finds, as the viewer may see it."""
        db, viewer = self._db, self._viewer_id
        return BatchLoader(_by_id(lambda ids: db.read(query, ids=ids, viewer=viewer, **params)))

    def _limits(self) -> dict[str, Any]:
        return limit_params(self._settings, self._now)

    async def _member_cards(self, **params: Any) -> list[MemberCard]:
        """Member cards (member_cards.cypher)."""
        session = self._session_params
        row = await self._together.read_one(
            MEMBER_CARDS, viewer=self._viewer_id, **params, **session
        )
        assert row is not None  # one row, whatever the ids
        return self._cards_of(row)

    @property
    def _session_params(self) -> dict[str, Any]:
        return self._session.params if self._session else NO_SESSION

    def _cards_of(self, answer: MemberCards) -> list[MemberCard]:
        """The cards of member_cards.cypher's row; the session check takes its answer."""
        if self._session is not None:
            self._session.answer(answer["session"])
        return list(answer["rows"])

    async def member_by_handle(
        self, handle: str, need: RelationNeed | None, counts: bool
    ) -> MemberCard | None:
        """The card of the member with `handle` (None when missing or hidden), with its counts
        when `counts`, and with it, in the same statement, the viewer's relation to that member
        as far as `need` says (see schema.pipeline.lookahead). All land in the
        loaders' caches, where the fields below look for them."""
        card = self._member_cards(ids=[], handle=handle, counts=counts)
        viewer = self._viewer_id
        if need is None or viewer is None:
            cards = await card
        else:
            cards = await self._with_relation(card, handle, viewer, need)
        for card_row in cards:
            self.member_cards.prime(card_row["id"], card_row)
            if counts:
                self.counted_cards.prime(card_row["id"], card_row)
        return cards[0] if cards else None

    async def _with_relation(
        self, card: Awaitable[list[MemberCard]], handle: str, viewer: str, need: RelationNeed
    ) -> list[MemberCard]:
        """The cards `card` reads, and beside them, in the same turn and so the same
        statement, what `need` asks of the viewer's relation to the member, into its loaders."""
        by_handle = {"ids": [], "handle": handle, "viewer": viewer}
        together = self._together
        if need is RelationNeed.DEGREE:
            degree = together.read_items(MEMBER_DEGREES.on(self._db), **by_handle)
            cards, degrees = await asyncio.gather(card, degree)
            _prime(self.degrees, degrees)
            return cards
        relation = together.read_items(MEMBER_RELATIONS.on(self._db), **by_handle, **self._limits())
        if need is RelationNeed.EXPLAINED:
            facts = together.read_items(RELATIONSHIP_FACTS, **by_handle)
            cards, relations, standings = await asyncio.gather(card, relation, facts)
            _prime(self.relationship_facts, standings)
        else:
            cards, relations = await asyncio.gather(card, relation)
        _prime(self.relations, relations)
        return cards

    async def if_signed_in(self, loader: BatchLoader[str, R | None], key: str) -> R | None:
        """`loader`'s row for a signed-in viewer; None for an anonymous one (R24: posts,
        conversations and relations are never public)."""
        return await settled(self.signed_in_soon(loader, key))

    def signed_in_soon(self, loader: BatchLoader[str, R | None], key: str) -> Soon[R | None]:
        """`if_signed_in`, at once where the row is loaded already."""
        return None if self._viewer_id is None else loader.soon(key)

    def card(self, member_id: str, counts: bool) -> Soon[MemberCard | None]:
        """The member's card, with its counts when `counts`: at once where it is loaded."""
        return (self.counted_cards if counts else self.member_cards).soon(member_id)

    def start_card(self, member_id: str, counts: bool) -> Awaitable[MemberCard | None]:
        """Start loading the member's card in this batch tick; the load, to await."""
        return (self.counted_cards if counts else self.member_cards).load(member_id)

    def start_relation(self, member_id: str, need: RelationNeed | None) -> None:
        """Start loading the viewer's relation to the member (in this batch tick), as far as
        `need` says; the fields await the same load later."""
        if need in (RelationNeed.FULL, RelationNeed.EXPLAINED):
            self.relations.start(member_id)
        if need is RelationNeed.EXPLAINED:
            self.relationship_facts.start(member_id)
        elif need is RelationNeed.DEGREE:
            self.degrees.start(member_id)

    def degree(self, member_id: str) -> Soon[str | None]:
        """The viewer's degree to the member: from the whole relation where that is loading
        anyway, else from the cheaper degree query."""
        if self.relations.is_loading(member_id):
            return then(self.relations.soon(member_id), _degree_of)
        return then(self.degrees.soon(member_id), _degree_of)

    async def account(self) -> ViewerAccount:
        """The viewer's own account (email, settings, credits, invitation log), read once."""
        if self._account is None:
            self._account = asyncio.ensure_future(
                self._db.read_one(VIEWER_ACCOUNT, id=self._viewer_id)
            )
        row = await self._account
        if row is None:  # the member was deleted after the token check
            raise LookupError(f"member {self._viewer_id} vanished")
        return row


@functools.cache
def _made_when_used() -> tuple[str, ...]:
    """The names of the loaders Loaders makes on first use (its cached properties)."""
    return tuple(k for k, v in vars(Loaders).items() if isinstance(v, functools.cached_property))
