"""R29 in the web client: a newcomer reads "Connect or follow?" on the profile of a member who
chose Follow but lets only connections follow, and on one who hides their connections; the
words say what each choice would let them do, whether it waits, and why it is not possible."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.async_api import Locator, Page, expect

from tests.browser.conftest import Pages, shot
from tests.browser.test_account_pages import NEW_PASSWORD, fill_join_form

SIGN_UP = """
mutation ($input: SignUpInput!) { signUp(input: $input) { token errors { code } } }
"""
SETTINGS = """
mutation ($input: UpdateSettingsInput!) { updateSettings(input: $input) { errors { code } } }
"""
ALL_A_CONNECTION_GETS = (
    "It would let you message them directly, see their posts in your feed, read the posts they "
    "share with connections only, reach their feed with your posts and see their connections."
)
ALL_BUT_THEIR_CONNECTIONS = (
    "It would let you message them directly, see their posts in your feed, read the posts they "
    "share with connections only and reach their feed with your posts."
)


async def member_through_api(base_url: str, handle: str, name: str, **settings: Any) -> None:
    """A member who signed up elsewhere and chose `settings`."""
    account = {
        "handle": handle,
        "name": name,
        "email": f"{handle}@example.net",
        "password": NEW_PASSWORD,
    }
    async with httpx.AsyncClient(base_url=base_url) as client:
        answer = await client.post(
            "/graphql", json={"query": SIGN_UP, "variables": {"input": account}}
        )
        token = answer.json()["data"]["signUp"]["token"]
        answer = await client.post(
            "/graphql",
            json={"query": SETTINGS, "variables": {"input": settings}},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answer.json()["data"]["updateSettings"]["errors"] == []


async def panel_of(page: Page, handle: str, name: str) -> Locator:
    await page.goto(f"/#/profile/{handle}")
    await expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    panel = page.get_by_role("region", name="Connect or follow?")
    await expect(panel).to_be_visible()
    return panel


async def test_r29_a_newcomer_reads_what_connecting_and_following_would_do(
    base_url: str, pages: Pages
) -> None:
    await member_through_api(
        base_url,
        "greta-lind",
        "Greta Lind",
        primaryButton="FOLLOW",
        whoCanFollow="CONNECTIONS",
    )
    newcomer = await pages.open(base_url)
    await newcomer.goto("/#/join")
    await fill_join_form(newcomer, "paul-neumann", "Paul Neumann", NEW_PASSWORD)
    await expect(newcomer.get_by_role("heading", name="Feed", level=1)).to_be_visible()

    # Greta chose Follow, but lets only her connections follow: following is not possible and
    # would bring nothing; connecting would, once she accepts.
    panel = await panel_of(newcomer, "greta-lind", "Greta Lind")
    await expect(panel.locator(".now")).to_have_text(
        "You cannot message them or see anything of theirs in your feed yet."
    )
    connect = panel.locator("[data-option=CONNECT]")
    await expect(connect).to_contain_text(ALL_A_CONNECTION_GETS)
    await expect(connect).to_contain_text("It waits until Greta Lind accepts.")
    follow = panel.locator("[data-option=FOLLOW]")
    await expect(follow).to_contain_text(
        "Not possible now: They let only their connections follow them."
    )
    await expect(follow).to_contain_text("It would not let you do anything more with them.")
    await expect(follow).not_to_contain_text("It takes effect at once")  # it cannot be taken
    await shot(newcomer, "explain-01-follow-only-connections")

    # Emma (demo) hides her connections: connecting would not show them; following is at once.
    panel = await panel_of(newcomer, "emma-fischer", "Emma Fischer")
    connect = panel.locator("[data-option=CONNECT]")
    await expect(connect).to_contain_text(ALL_BUT_THEIR_CONNECTIONS)
    await expect(connect).not_to_contain_text("see their connections")
    await expect(connect).to_contain_text(
        "Their connections stay hidden even from their connections."
    )
    follow = panel.locator("[data-option=FOLLOW]")
    await expect(follow).to_contain_text("It would let you see their posts in your feed.")
    await expect(follow).to_contain_text("It takes effect at once, without asking them.")
    await expect(follow).not_to_contain_text("Not possible now")
    # The profile's own Connections card says the same as the panel.
    await expect(
        newcomer.get_by_text("Emma Fischer keeps their connections hidden")
    ).to_be_visible()
    await shot(newcomer, "explain-02-hidden-connections")
