"""Steps a person takes in the web client, shared by the browser tests."""

from __future__ import annotations

import re

from playwright.async_api import Locator, Page, expect


async def sign_in(page: Page, demo_name: str) -> None:
    """Through the demo list: it fills the form, the user presses Sign in."""
    await page.goto("/")
    await page.get_by_role("button", name=re.compile(demo_name)).click()
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await expect(page.get_by_role("heading", name="Feed", level=1)).to_be_visible()


async def sign_out(page: Page) -> None:
    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("heading", name="Sign in to Vernetzt")).to_be_visible()


async def open_profile(page: Page, name: str) -> None:
    """Search by name and follow the result: the way a member finds a profile."""
    await page.get_by_role("link", name="Search").click()
    await page.get_by_label("Name or headline").fill(name)
    await page.get_by_role("button", name="Search", exact=True).click()
    await page.get_by_role("main").get_by_role("link", name=name).click()
    await expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def badge(page: Page, name: str) -> Locator:
    """The degree badge next to the name on a profile."""
    return page.get_by_role("region", name=name, exact=True).locator("h1 + .badge")
