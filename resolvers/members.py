"""Reading members and companies, and the viewer's own profile and settings."""

from __future__ import annotations

from typing import Any

import strawberry

import cypher
from resolvers import search
from resolvers.context import Info, require_viewer
from resolvers.validation import check_headline, check_name, clean_headline
from schema import ids
from schema.accounts import MemberPayload, SettingsPayload, UpdateProfileInput, UpdateSettingsInput
from schema.content import Message, load_conversation, load_post
from schema.errors import UserError, invalid_input
from schema.lookahead import asks_counts, relation_need
from schema.members import (
    Company,
    Invitation,
    Member,
    MemberConnection,
    MemberSettings,
    Node,
    load_company,
    load_member,
)
from schema.viewer import Viewer

COMPANY_ID_BY_HANDLE = cypher.query("company_id_by_handle")
UPDATE_PROFILE = cypher.query("update_profile")
UPDATE_SETTINGS = cypher.query("update_settings")


async def member(info: Info, handle: str) -> Member | None:
    loaders = info.context.loaders
    card = await loaders.member_by_handle(handle, relation_need(info), asks_counts(info))
    return Member.from_record(card) if card else None


async def company(info: Info, handle: str) -> Company | None:
    row = await info.context.db.read_one(COMPANY_ID_BY_HANDLE, handle=handle)
    return await load_company(info, row["id"]) if row else None


async def node(info: Info, global_id: strawberry.ID) -> Node | None:
    """Any object by its ID, answering only what the viewer may see (null otherwise)."""
    type_name, key = ids.decode(global_id)
    if type_name == "Member":
        return await load_member(info, key)
    if type_name == "Company":
        return await load_company(info, key)
    if info.context.viewer_id is None:  # the rest is never public (R24)
        return None
    if type_name == "Post":
        return await load_post(info, key)
    if type_name == "Conversation":
        return await load_conversation(info, key)
    loader = (
        info.context.loaders.messages
        if type_name == "Message"
        else info.context.loaders.invitations
    )
    record = await loader.load(key)
    if record is None:
        return None
    return Message.from_record(record) if type_name == "Message" else Invitation.from_record(record)


async def search_members(
    info: Info, text: str, first: int | None, after: str | None
) -> MemberConnection:
    require_viewer(info)
    page = await search.search_members(info.context, text, first, after)
    return await MemberConnection.of(info, page)


async def viewer(info: Info) -> Viewer | None:
    """The token check found the member, so no query is needed until a field asks for one."""
    if info.context.viewer_id is None:
        return None
    return Viewer(member_id=info.context.viewer_id)


async def update_profile(info: Info, data: UpdateProfileInput) -> MemberPayload:
    viewer_id = require_viewer(info)
    changes: dict[str, Any] = {}
    errors: list[UserError] = []
    if data.name is not strawberry.UNSET:
        errors += check_name(data.name) if data.name is not None else [_required("name")]
        changes["name"] = data.name.strip() if data.name else None
    if data.headline is not strawberry.UNSET:
        errors += check_headline(data.headline)
        changes["headline"] = clean_headline(data.headline)
    if errors:
        return MemberPayload(member=None, errors=errors)
    if changes:
        await info.context.db.write(UPDATE_PROFILE, id=viewer_id, changes=changes)
    return MemberPayload(member=await load_member(info, viewer_id), errors=[])


SETTING_PROPERTIES = {
    "primary_button": "primaryButton",
    "connections_visibility": "connectionsVisibility",
    "invitation_policy": "invitationPolicy",
    "who_can_follow": "whoCanFollow",
    "open_profile": "openProfile",
    "accepts_in_mail": "acceptsInMail",
}


async def update_settings(info: Info, data: UpdateSettingsInput) -> SettingsPayload:
    viewer_id = require_viewer(info)
    changes: dict[str, Any] = {}
    errors: list[UserError] = []
    for attribute, property_name in SETTING_PROPERTIES.items():
        value = getattr(data, attribute)
        if value is strawberry.UNSET:
            continue
        if value is None:
            errors.append(_required(property_name))
        else:
            changes[property_name] = getattr(value, "value", value)  # enums are stored by name
    if errors:
        return SettingsPayload(settings=None, errors=errors)
    row = await info.context.db.write_one(UPDATE_SETTINGS, id=viewer_id, changes=changes)
    assert row is not None  # the viewer exists: the token was checked against it
    return SettingsPayload(settings=MemberSettings.from_record(row), errors=[])


def _required(field: str) -> UserError:
    return invalid_input(field, f"{field} cannot be null; leave it out to keep its value.")
