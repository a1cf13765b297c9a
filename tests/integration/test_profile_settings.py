"""updateProfile and updateSettings: every setting of the contract stored and returned (R1, R24)."""

from __future__ import annotations

from tests.support.client import Api

UPDATE_PROFILE = """
mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { member { handle name headline } errors { code field } }
}
"""
UPDATE_SETTINGS = """
mutation ($input: UpdateSettingsInput!) {
  updateSettings(input: $input) {
    settings {
      primaryButton connectionsVisibility invitationPolicy whoCanFollow openProfile acceptsInMail
    }
    errors { code field }
  }
}
"""
VIEWER_SETTINGS = """
{ viewer { settings {
  primaryButton connectionsVisibility invitationPolicy whoCanFollow openProfile acceptsInMail
} } }
"""
DEFAULTS = {
    "primaryButton": "CONNECT",
    "connectionsVisibility": "CONNECTIONS",
    "invitationPolicy": "EVERYONE",
    "whoCanFollow": "EVERYONE",
    "openProfile": False,
    "acceptsInMail": True,
}
CHANGED = {
    "primaryButton": "FOLLOW",
    "connectionsVisibility": "ONLY_ME",
    "invitationPolicy": "KNOWS_EMAIL",
    "whoCanFollow": "CONNECTIONS",
    "openProfile": True,
    "acceptsInMail": False,
}


async def test_r24_update_profile_changes_name_and_headline(api: Api) -> None:
    ada = await api.sign_up("ada", name="Ada")
    data = await api.data(
        UPDATE_PROFILE, {"input": {"name": "Ada King", "headline": "Countess"}}, ada.token
    )
    assert data["updateProfile"] == {
        "member": {"handle": "ada", "name": "Ada King", "headline": "Countess"},
        "errors": [],
    }
    cleared = await api.data(UPDATE_PROFILE, {"input": {"headline": None}}, ada.token)
    assert cleared["updateProfile"]["member"] == {
        "handle": "ada",
        "name": "Ada King",
        "headline": None,
    }


async def test_r24_update_profile_refuses_bad_values_and_changes_nothing(api: Api) -> None:
    ada = await api.sign_up("ada", name="Ada", headline="Analyst")
    for change, field in (
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "n" * 101}, "name"),
        ({"headline": "h" * 221}, "headline"),
        ({"name": "Fine", "headline": "h" * 221}, "headline"),
    ):
        data = await api.data(UPDATE_PROFILE, {"input": change}, ada.token)
        assert data["updateProfile"] == {
            "member": None,
            "errors": [{"code": "INVALID_INPUT", "field": ["input", field]}],
        }, change
    card = await api.data('{ member(handle: "ada") { name headline } }')
    assert card["member"] == {"name": "Ada", "headline": "Analyst"}


async def test_r1_r24_new_members_have_the_default_settings(api: Api) -> None:
    ada = await api.sign_up("ada")
    data = await api.data(VIEWER_SETTINGS, token=ada.token)
    assert data["viewer"]["settings"] == DEFAULTS


async def test_r1_every_setting_is_stored_and_returned(api: Api) -> None:
    ada = await api.sign_up("ada")
    data = await api.data(UPDATE_SETTINGS, {"input": CHANGED}, ada.token)
    assert data["updateSettings"] == {"settings": CHANGED, "errors": []}
    assert (await api.data(VIEWER_SETTINGS, token=ada.token))["viewer"]["settings"] == CHANGED
    card = await api.data('{ member(handle: "ada") { primaryButton } }')
    assert card["member"] == {"primaryButton": "FOLLOW"}


async def test_r1_settings_left_out_keep_their_value(api: Api) -> None:
    ada = await api.sign_up("ada")
    await api.data(UPDATE_SETTINGS, {"input": {"primaryButton": "FOLLOW"}}, ada.token)
    data = await api.data(UPDATE_SETTINGS, {"input": {"openProfile": True}}, ada.token)
    assert data["updateSettings"]["settings"] == {
        **DEFAULTS,
        "primaryButton": "FOLLOW",
        "openProfile": True,
    }


async def test_r1_a_null_setting_is_refused_and_nothing_changes(api: Api) -> None:
    ada = await api.sign_up("ada")
    data = await api.data(
        UPDATE_SETTINGS, {"input": {"primaryButton": "FOLLOW", "openProfile": None}}, ada.token
    )
    assert data["updateSettings"] == {
        "settings": None,
        "errors": [{"code": "INVALID_INPUT", "field": ["input", "openProfile"]}],
    }
    assert (await api.data(VIEWER_SETTINGS, token=ada.token))["viewer"]["settings"] == DEFAULTS


async def test_a_setting_of_the_wrong_type_is_bad_user_input(api: Api) -> None:
    ada = await api.sign_up("ada")
    body = await api.run(UPDATE_SETTINGS, {"input": {"primaryButton": "SHOUT"}}, ada.token)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    assert (await api.data(VIEWER_SETTINGS, token=ada.token))["viewer"]["settings"] == DEFAULTS
