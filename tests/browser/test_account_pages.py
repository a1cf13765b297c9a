"""The account pages of the web client, clicked through like a person would: joining (#/join)
and Settings (#/settings), on the demo network (demo/data.py).

Each test uses members that the others leave alone: the module shares one seeded server."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.async_api import Page, expect

from demo.data import DEMO_PASSWORD, email_of
from tests.browser.conftest import Pages, shot
from tests.browser.steps import open_profile, sign_in

NEW_PASSWORD = "a password long enough"


async def fill_join_form(page: Page, handle: str, name: str, password: str) -> None:
    await page.get_by_label("Handle").fill(handle)
    await page.get_by_label("Name").fill(name)
    await page.get_by_label("E-mail").fill(f"{handle}@example.net")
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Create account").click()


async def follow_nav(page: Page, link: str) -> None:
    await page.get_by_role("navigation", name="Main").get_by_role("link", name=link).click()


async def open_settings(page: Page) -> None:
    await follow_nav(page, "Settings")
    await expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()


async def viewer_through_api(base_url: str, handle: str, fields: str) -> dict[str, Any]:
    """What the API tells the demo member `handle` about themselves: `viewer { fields }`."""
    sign_in_query = "mutation($i: SignInInput!) { signIn(input: $i) { token errors { code } } }"
    async with httpx.AsyncClient(base_url=base_url) as client:
        answer = await client.post(
            "/graphql",
            json={
                "query": sign_in_query,
                "variables": {"i": {"email": email_of(handle), "password": DEMO_PASSWORD}},
            },
        )
        token = answer.json()["data"]["signIn"]["token"]
        answer = await client.post(
            "/graphql",
            json={"query": f"{{ viewer {{ {fields} }} }}"},
            headers={"Authorization": f"Bearer {token}"},
        )
    viewer: dict[str, Any] = answer.json()["data"]["viewer"]
    return viewer


async def test_r24_r1_r2_r13_a_new_member_joins_and_lets_only_connections_follow(
    base_url: str, pages: Pages
) -> None:
    newcomer = await pages.open(base_url)
    await newcomer.goto("/")
    await newcomer.get_by_role("link", name="Join Vernetzt").click()
    await expect(newcomer.get_by_role("heading", name="Join Vernetzt", level=1)).to_be_visible()

    # A taken handle is refused at the Handle field (TAKEN), not in the alert region.
    handle = newcomer.get_by_label("Handle")
    password = newcomer.get_by_label("Password")
    await fill_join_form(newcomer, "jonas-weber", "Ilse Brandt", NEW_PASSWORD)
    await expect(handle).to_have_attribute("aria-invalid", "true")
    await expect(handle).to_have_accessible_description(re.compile("This handle is taken."))
    await expect(handle).to_be_focused()
    await expect(newcomer.get_by_role("alert")).to_be_hidden()
    await shot(newcomer, "account-01-join-handle-taken")

    # A short password is refused at the Password field (INVALID_INPUT); Handle is fine now.
    await fill_join_form(newcomer, "ilse-brandt", "Ilse Brandt", "too short")
    await expect(password).to_have_accessible_description(re.compile("A password has 12 to"))
    await expect(handle).not_to_have_attribute("aria-invalid", "true")

    await fill_join_form(newcomer, "ilse-brandt", "Ilse Brandt", NEW_PASSWORD)
    await expect(newcomer.get_by_role("heading", name="Feed", level=1)).to_be_visible()

    # Before Ilse changes anything, Charlotte opens her profile: Follow is offered.
    before = await pages.open(base_url)
    await sign_in(before, "Charlotte Hahn")
    await open_profile(before, "Ilse Brandt")
    stale = before.get_by_role("group", name="Actions")
    await expect(stale.get_by_role("button", name="Follow")).to_be_visible()

    # Ilse chooses the Follow button (R1) but lets only connections follow her (R13).
    await open_settings(newcomer)
    main_button = newcomer.get_by_role("group", name="Main button on your profile")
    who_follows = newcomer.get_by_role("group", name="Who can follow you")
    await main_button.get_by_role("radio", name="Follow").check()
    await who_follows.get_by_role("radio", name="Only my connections").check()
    await newcomer.get_by_role("button", name="Save settings").click()
    await expect(newcomer.get_by_role("status")).to_have_text("Settings saved.")
    # The page was read again from the server: it shows what was stored.
    await expect(main_button.get_by_role("radio", name="Follow")).to_be_checked()
    await expect(who_follows.get_by_role("radio", name="Only my connections")).to_be_checked()
    await shot(newcomer, "account-02-settings-saved")

    # Jonas, not a connection, may not follow: Connect is the primary button, no Follow (R2).
    after = await pages.open(base_url)
    await sign_in(after, "Jonas Weber")
    await open_profile(after, "Ilse Brandt")
    actions = after.get_by_role("group", name="Actions")
    await expect(actions.get_by_role("button", name="Connect")).to_have_class(re.compile("primary"))
    await expect(actions.get_by_role("button", name="Follow")).to_have_count(0)

    # Charlotte's page still offers Follow; the server refuses it (R13).
    await stale.get_by_role("button", name="Follow").click()
    await expect(before.get_by_role("alert")).to_have_text(
        "This member lets only connections follow."
    )


async def test_r18_a_block_from_the_profile_is_undone_under_blocked_members(page: Page) -> None:
    await sign_in(page, "Lena Hoffmann")
    await open_profile(page, "Paul Wagner")
    await page.get_by_role("group", name="Actions").get_by_role("button", name="Block").click()
    await expect(page.get_by_role("status")).to_have_text("You blocked Paul Wagner.")

    await open_settings(page)
    blocked = page.get_by_role("list", name="Blocked members")
    paul = blocked.get_by_role("listitem").filter(has_text="Paul Wagner")
    await expect(paul).to_be_visible()
    await shot(page, "account-03-blocked-members")

    await paul.get_by_role("button", name="Unblock Paul Wagner").click()
    await expect(page.get_by_role("status")).to_have_text("You unblocked Paul Wagner.")
    await expect(page.get_by_role("heading", name="Blocked members")).to_be_visible()
    await expect(blocked.get_by_role("listitem").filter(has_text="Paul Wagner")).to_have_count(0)


async def test_r24_sign_up_with_the_keyboard_only(page: Page) -> None:
    await page.goto("/")
    await expect(page.get_by_role("heading", name="Sign in to Vernetzt")).to_be_visible()
    join = page.get_by_role("link", name="Join Vernetzt")
    for _ in range(30):  # the skip link, the navigation, the form, then the link
        await page.keyboard.press("Tab")
        if await join.evaluate("link => link === document.activeElement"):
            break
    await expect(join).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="Join Vernetzt", level=1)).to_be_visible()

    # The page takes focus; the form's fields follow in reading order.
    await page.keyboard.press("Tab")
    await expect(page.get_by_label("Handle")).to_be_focused()
    for value in ["otto-tasten", "Otto Tasten", "otto.tasten@example.net", NEW_PASSWORD]:
        await page.keyboard.type(value)
        await page.keyboard.press("Tab")
    await expect(page.get_by_label("Headline")).to_be_focused()
    await page.keyboard.type("Types faster than he clicks")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="Feed", level=1)).to_be_visible()
    await expect(page.get_by_role("navigation", name="Main")).to_contain_text("Otto Tasten")


async def test_r6_r16_r20_settings_show_the_allowance_and_profile_changes_show_on_the_profile(
    base_url: str, page: Page
) -> None:
    viewer = await viewer_through_api(
        base_url, "tom-schmitz", "email inMailCredits invitationQuota { limit remaining }"
    )
    quota = viewer["invitationQuota"]
    await sign_in(page, "Tom Schmitz")
    await open_settings(page)
    allowance = page.get_by_role("region", name="InMail and invitations")
    credits = viewer["inMailCredits"]
    await expect(allowance.get_by_text(f"InMail credits: {credits}")).to_be_visible()
    await expect(
        allowance.get_by_text(
            f"Invitations left this week: {quota['remaining']} of {quota['limit']}"
        )
    ).to_be_visible()
    account = page.get_by_role("region", name="Account")
    await expect(account.get_by_text(f"E-mail address: {viewer['email']}")).to_be_visible()

    # A new headline.
    profile = page.get_by_role("region", name="Profile", exact=True)
    await profile.get_by_label("Headline").fill("Sales engineer for graph databases")
    await profile.get_by_role("button", name="Save profile").click()
    await expect(page.get_by_role("status")).to_have_text("Profile saved.")

    # A workplace by the company's handle; an unknown handle is refused at the field.
    workplace = page.get_by_role("region", name="Workplace")
    company = workplace.get_by_label("Company handle")
    await company.fill("no-such-company")
    await workplace.get_by_role("button", name="Set workplace").click()
    await expect(company).to_have_accessible_description(re.compile("No company has the handle"))
    await company.fill("wolkenwerk")
    await workplace.get_by_role("button", name="Set workplace").click()
    await expect(page.get_by_role("status")).to_have_text("Workplace saved.")
    await expect(workplace.get_by_text("You work at Wolkenwerk.")).to_be_visible()
    await shot(page, "account-04-settings-workplace")

    # Both show on his profile, as anyone sees it.
    await follow_nav(page, "Tom Schmitz")
    card = page.get_by_role("region", name="Tom Schmitz", exact=True)
    await expect(card.get_by_text("Sales engineer for graph databases")).to_be_visible()
    await expect(card.get_by_role("link", name="Wolkenwerk")).to_be_visible()

    # Clearing the workplace removes it from the profile.
    await open_settings(page)
    await workplace.get_by_role("button", name="Clear workplace").click()
    await expect(page.get_by_role("status")).to_have_text("Workplace cleared.")
    await expect(workplace.get_by_text("You have not stated a workplace.")).to_be_visible()
    await follow_nav(page, "Tom Schmitz")
    await expect(card.get_by_text("Sales engineer for graph databases")).to_be_visible()
    await expect(card.get_by_text("Works at")).to_have_count(0)
