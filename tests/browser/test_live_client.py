"""The web client live (R26, R27): two people in two browsers, each seeing what the other does
without reloading; and a tab that catches up after the server restarts.

"Without a reload" is checked, not assumed: each page gets a mark in its window object before
the other person acts, and the mark is still there when the change shows."""

from __future__ import annotations

import dataclasses
import re

import httpx
from playwright.async_api import Locator, Page, expect

from demo.data import DEMO_PASSWORD, email_of
from tests.browser.conftest import Pages, shot
from tests.browser.server import live_server
from tests.browser.steps import open_profile, sign_in
from tests.support.app import TEST_SETTINGS
from tests.support.client import Account, Api
from tests.support.neo4j import Neo4jServer, free_port
from tests.support.network import FOLLOW, codes, invite, mutate

NO_UNREAD = "Notifications"


def unread(count: int) -> str:
    """The bell's accessible name."""
    return f"Notifications ({count} unread)" if count else NO_UNREAD


async def mark(page: Page) -> None:
    await page.evaluate("window.notReloaded = true")


async def assert_not_reloaded(page: Page) -> None:
    assert await page.evaluate("window.notReloaded === true"), "the page was reloaded"


def bell(page: Page, count: int) -> Locator:
    """The bell link in the navigation, showing `count` unread notifications."""
    return page.get_by_role("link", name=unread(count), exact=True)


async def test_r26_r27_invitation_acceptance_and_messages_show_live(
    base_url: str, pages: Pages
) -> None:
    jonas = await pages.open(base_url)
    charlotte = await pages.open(base_url)
    await sign_in(jonas, "Jonas Weber")
    await sign_in(charlotte, "Charlotte Hahn")
    await expect(bell(charlotte, 0)).to_be_visible()
    await mark(charlotte)

    # Jonas invites Charlotte; her bell shows 1 without a reload.
    await open_profile(jonas, "Charlotte Hahn")
    await jonas.get_by_role("group", name="Actions").get_by_role("button", name="Connect").click()
    await jonas.get_by_role("button", name="Send invitation").click()
    await expect(jonas.get_by_role("status")).to_have_text("Invitation sent to Charlotte Hahn.")
    await expect(bell(charlotte, 1)).to_be_visible()
    await assert_not_reloaded(charlotte)
    await shot(charlotte, "live-01-bell-shows-invitation")

    # She opens the bell and accepts from the notification.
    await jonas.get_by_role("link", name="Feed").click()
    await mark(jonas)
    await bell(charlotte, 1).click()
    await expect(charlotte.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    received = charlotte.get_by_role("listitem").filter(has_text="invited you to connect")
    await expect(received).to_contain_text("Jonas Weber invited you to connect.")
    await expect(received).to_contain_text("New")
    await shot(charlotte, "live-02-notifications-page")
    await received.get_by_role("button", name="Accept").click()
    await expect(charlotte.get_by_role("status")).to_have_text(
        "You and Jonas Weber are now connected."
    )
    # The invitation is no longer pending: its notification is gone, and so is the count (R26).
    await expect(received).to_have_count(0)
    await expect(bell(charlotte, 0)).to_be_visible()

    # Jonas's bell shows the acceptance without a reload; the item links to her profile.
    await expect(bell(jonas, 1)).to_be_visible()
    await assert_not_reloaded(jonas)
    await bell(jonas, 1).click()
    accepted = jonas.get_by_role("listitem").filter(has_text="accepted your invitation")
    await expect(accepted).to_contain_text("Charlotte Hahn accepted your invitation")
    await jonas.get_by_role("button", name="Mark all read").click()
    await expect(jonas.get_by_role("status")).to_have_text("All notifications marked read.")
    await expect(bell(jonas, 0)).to_be_visible()
    await expect(accepted).not_to_contain_text("New")
    await accepted.get_by_role("link", name="Charlotte Hahn").click()
    await expect(jonas.get_by_role("heading", name="Charlotte Hahn", level=1)).to_be_visible()

    # Both open the conversation, which has no message yet; each sees the other's appear.
    await jonas.get_by_role("group", name="Actions").get_by_role("button", name="Message").click()
    await open_profile(charlotte, "Jonas Weber")
    await (
        charlotte.get_by_role("group", name="Actions").get_by_role("button", name="Message").click()
    )
    await expect(charlotte.get_by_text("No messages yet.")).to_be_visible()
    await mark(charlotte)
    await mark(jonas)

    await jonas.get_by_label("Message to Charlotte Hahn").fill("Hello Charlotte, live!")
    await jonas.get_by_role("button", name="Send", exact=True).click()
    her_messages = charlotte.get_by_role("list", name="Messages")
    await expect(her_messages.get_by_role("listitem")).to_have_count(1)
    await expect(her_messages).to_contain_text("Hello Charlotte, live!")
    await assert_not_reloaded(charlotte)

    await charlotte.get_by_label("Message to Jonas Weber").fill("Hi Jonas, got it.")
    await charlotte.get_by_role("button", name="Send", exact=True).click()
    his_messages = jonas.get_by_role("list", name="Messages")
    await expect(his_messages.get_by_role("listitem")).to_have_text(
        [re.compile("Hello Charlotte, live!"), re.compile("Hi Jonas, got it.")]
    )
    await expect(bell(jonas, 1)).to_be_visible()
    await shot(jonas, "live-03-conversation")
    # Her own message shows once, however many ways it reached her page.
    await expect(her_messages.get_by_role("listitem")).to_have_count(2)


SIGN_IN = """
mutation ($input: SignInInput!) { signIn(input: $input) { token member { id handle } } }
"""


async def demo_member(api: Api, handle: str) -> Account:
    """A demo member signed in through the API, as another client would."""
    email = email_of(handle)
    variables = {"input": {"email": email, "password": DEMO_PASSWORD}}
    signed = (await api.data(SIGN_IN, variables))["signIn"]
    return Account(signed["member"]["id"], handle, email, signed["token"])


async def member_id(api: Api, handle: str = "charlotte-hahn") -> str:
    data = await api.data("query ($h: String!) { member(handle: $h) { id } }", {"h": handle})
    return str(data["member"]["id"])


async def test_r27_the_client_reconnects_after_a_restart_and_catches_up_from_the_list(
    neo4j_server: Neo4jServer, pages: Pages
) -> None:
    settings = dataclasses.replace(
        TEST_SETTINGS,
        neo4j_uri=neo4j_server.uri,
        neo4j_user=neo4j_server.user,
        neo4j_password=neo4j_server.password,
    )
    port = free_port()
    with live_server(settings, port=port) as base:
        charlotte = await pages.open(base)
        await sign_in(charlotte, "Charlotte Hahn")
        await expect(bell(charlotte, 0)).to_be_visible()
        await mark(charlotte)
    # The server is down. Meanwhile another process serves Jonas's invitation: R27 replays
    # nothing, so only reading the list after reconnecting can show it.
    with live_server(settings, seed=False) as other:
        async with httpx.AsyncClient(base_url=other, timeout=30) as client:
            api = Api(client)
            jonas, charlotte_id = await demo_member(api, "jonas-weber"), await member_id(api)
            assert codes(await invite(api, jonas, charlotte_id)) == []
    with live_server(settings, port=port, seed=False):
        await expect(bell(charlotte, 1)).to_be_visible(timeout=30_000)
        await assert_not_reloaded(charlotte)
        # And the reconnected socket delivers again: a follow from another member shows live.
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            api = Api(client)
            moritz = await demo_member(api, "moritz-kaiser")
            assert codes(await mutate(api, FOLLOW, moritz, id=await member_id(api))) == []
        await expect(bell(charlotte, 2)).to_be_visible()
