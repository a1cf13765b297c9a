"""Members as the viewer may see them (R3, R10, R11, R22-R24), and the viewer's own profile
and settings. Reads answer rows (None: missing or hidden); writes answer the member's id."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

import cypher
from cypher.database import Transaction
from cypher.rows import Counted, Id, Listed, ListedSince, Reached
from cypher.rows.members import MemberCard, MemberRelation, MemberSettings, PathFromViewer
from resolvers.enums import Capability
from resolvers.errors import Refusal, invalid_input, refuse_any
from resolvers.request.batching import Soon
from resolvers.request.context import Context
from resolvers.request.loaders import RelationNeed
from resolvers.request.pages import Page, fetch_page, members_page, page_size
from resolvers.request.writes import write
from resolvers.rules import explain
from resolvers.rules.explain import Standing
from resolvers.rules.formats import (
    SEARCH_REACH,
    check_headline,
    check_name,
    clean_headline,
    lucene_query,
)

UPDATE_PROFILE = cypher.query("update_profile", Id)
UPDATE_SETTINGS = cypher.query("update_settings", MemberSettings)
SEARCH_MEMBERS = cypher.query("search_members", Reached[Listed])
PATH_FROM_VIEWER = cypher.Indexed(
    cypher.query("path_from_viewer", PathFromViewer),
    cypher.query("path_from_viewer_indexed", PathFromViewer),
)
MEMBER_CONNECTIONS = cypher.query("member_connections", Counted[ListedSince])
MUTUAL_CONNECTIONS = cypher.query("mutual_connections", Counted[Listed])

# The settings a member changes (R1, R5, R11, R13, R16), by input field: the member's property.
SETTING_PROPERTIES = {
    "primary_button": "primaryButton",
    "connections_visibility": "connectionsVisibility",
    "invitation_policy": "invitationPolicy",
    "who_can_follow": "whoCanFollow",
    "open_profile": "openProfile",
    "accepts_in_mail": "acceptsInMail",
}


async def by_handle(
    context: Context, handle: str, need: RelationNeed | None, counts: bool
) -> MemberCard | None:
    """The card of the member with `handle`, and the viewer's relation as far as `need` asks
    (see Loaders.member_by_handle)."""
    return await context.loaders.member_by_handle(handle, need, counts)


def card(
    context: Context, member_id: str, need: RelationNeed | None, counts: bool
) -> Soon[MemberCard | None]:
    """The member's card (counted when `counts`); the viewer's relation to them, as far as `need`
    says, starts loading in the same batch tick, so the two queries run side by side."""
    if context.viewer_id is not None:
        context.loaders.start_relation(member_id, need)
    return context.loaders.card(member_id, counts)


async def counts(context: Context, member_id: str) -> MemberCard | None:
    """The card with its counts (R3), for a card read without them."""
    return await context.loaders.counted_cards.load(member_id)


def relation(context: Context, member_id: str) -> Soon[MemberRelation | None]:
    """How the viewer stands with the member (member_relations.cypher); None when anonymous."""
    return context.loaders.signed_in_soon(context.loaders.relations, member_id)


async def standing(context: Context, member_id: str) -> Standing | None:
    """R29: what the viewer and the member stand on, as the rules read it; None when anonymous,
    or when the member is gone or in a block with the viewer."""
    facts = await context.loaders.if_signed_in(context.loaders.relationship_facts, member_id)
    return Standing.from_record(facts) if facts and not facts["blocked"] else None


async def capabilities(context: Context, member_id: str) -> list[Capability]:
    """R29: what the viewer can do with the member now."""
    state = await standing(context, member_id)
    return explain.capabilities(state) if state else []


async def options(context: Context, member_id: str) -> list[explain.Option]:
    """R29: connecting and following side by side, each with what it needs and would grant."""
    state = await standing(context, member_id)
    return explain.options(state, context.settings, context.now) if state else []


def degree(context: Context, member_id: str) -> Soon[str | None]:
    """R10; None when anonymous."""
    if context.viewer_id is None:
        return None
    return context.loaders.degree(member_id)


async def search(context: Context, text: str, first: int | None, after: str | None) -> Page[Listed]:
    """R22: members by name or headline."""
    viewer = context.require_viewer()
    page_size(first)
    lucene = lucene_query(text)
    if lucene is None:
        return Page(items=[], has_next=False, total=0)
    page = await fetch_page(
        context.db, SEARCH_MEMBERS, first, after, viewer=viewer, lucene=lucene, reach=SEARCH_REACH
    )
    assert page is not None  # search results are never hidden as a whole
    return page


async def path_from_viewer(context: Context, member: str) -> list[str | None] | None:
    """R23: the ids from the viewer to the member, the withheld one None; None unless degree 2
    or 3, or when anonymous."""
    if context.viewer_id is None:
        return None
    row = await context.db.read_one(
        PATH_FROM_VIEWER.on(context.db), viewer=context.viewer_id, member=member
    )
    return row["path"] if row else None


async def connections(
    context: Context, member: str, first: int | None, after: str | None
) -> Page[ListedSince] | None:
    """R11: None when the list is hidden from the viewer (always, when anonymous)."""
    return await members_page(context, MEMBER_CONNECTIONS, first, after, member=member)


async def mutual_connections(
    context: Context, member: str, first: int | None, after: str | None
) -> Page[Listed] | None:
    return await members_page(context, MUTUAL_CONNECTIONS, first, after, member=member)


async def update_profile(context: Context, given: Mapping[str, Any]) -> str:
    """R24: the viewer's name and headline, those `given` (null name: INVALID_INPUT)."""
    viewer = context.require_viewer()
    changes: dict[str, Any] = {}
    errors: list[Refusal] = []
    if "name" in given:
        name = given["name"]
        errors += check_name(name) if name is not None else [_required("name")]
        changes["name"] = name.strip() if name else None
    if "headline" in given:
        errors += check_headline(given["headline"])
        changes["headline"] = clean_headline(given["headline"])
    refuse_any(errors)

    async def work(tx: Transaction) -> None:
        await tx.all(UPDATE_PROFILE, id=viewer, changes=changes)

    if changes:
        await write(context, work)
    return viewer


async def update_settings(context: Context, given: Mapping[str, Any]) -> MemberSettings:
    """The viewer's settings after changing those `given` (by input field; null: INVALID_INPUT)."""
    viewer = context.require_viewer()
    changes: dict[str, Any] = {}
    errors: list[Refusal] = []
    for attribute, property_name in SETTING_PROPERTIES.items():
        if attribute not in given:
            continue
        value = given[attribute]
        if value is None:
            errors.append(_required(property_name))
        else:
            changes[property_name] = value.value if isinstance(value, Enum) else value
    refuse_any(errors)

    async def work(tx: Transaction) -> MemberSettings:
        row = await tx.one(UPDATE_SETTINGS, id=viewer, changes=changes)
        assert row is not None  # the viewer exists: the token was checked against it
        return row

    return await write(context, work)


def _required(field: str) -> Refusal:
    return invalid_input(field, f"{field} cannot be null; leave it out to keep its value.")
