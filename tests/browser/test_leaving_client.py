"""R28 in the web client: a member downloads their data from Settings, then deletes the
account, after a wrong password is refused at the field."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from playwright.async_api import Page, expect

from tests.browser.conftest import shot
from tests.browser.test_account_pages import fill_join_form, open_settings

PASSWORD = "a long enough password for leaving"


async def test_r28_a_member_downloads_their_data_then_deletes_the_account(page: Page) -> None:
    await page.goto("/#/join")
    await fill_join_form(page, "leaving-lisa", "Lisa Lange", PASSWORD)
    await expect(page.get_by_role("heading", name="Feed", level=1)).to_be_visible()
    await open_settings(page)

    async with page.expect_download() as downloading:
        await page.get_by_role("button", name="Download your data").click()
    download = await downloading.value
    assert download.suggested_filename == "vernetzt-export-leaving-lisa.json"
    saved = Path(await download.path())
    document = json.loads(await asyncio.to_thread(saved.read_text, encoding="utf-8"))
    assert (document["format"], document["profile"]["handle"]) == (
        "vernetzt-export/1",
        "leaving-lisa",
    )
    # A second one within the hour is refused with the server's message and when to retry.
    await page.get_by_role("button", name="Download your data").click()
    await expect(page.get_by_role("alert")).to_contain_text("export")
    await expect(page.get_by_text("The next export can be made from")).to_be_visible()

    form = page.get_by_role("form", name="Delete account")
    await expect(form).to_contain_text("This cannot be undone.")
    await form.get_by_label("Your password").fill("not my password")
    await form.get_by_role("button", name="Delete my account").click()
    await expect(form.get_by_label("Your password")).to_have_accessible_description(
        "The password is wrong. Given again, to prove it is you."
    )
    await shot(page, "leaving-01-delete-account")
    await form.get_by_label("Your password").fill(PASSWORD)
    await form.get_by_role("button", name="Delete my account").click()
    await expect(page.get_by_role("heading", name="Sign in to Vernetzt")).to_be_visible()
    await expect(page.get_by_role("status")).to_have_text("Your account was deleted.")

    # The account is gone: its profile is not found, and signing in fails.
    await page.evaluate("location.hash = '#/profile/leaving-lisa'")
    await expect(page.get_by_role("heading", name="Member not found")).to_be_visible()
