"""The GraphiQL playground at /graphql, served offline: it loads, runs the sign-in example, and
with the token in the headers pane runs a signed-in example, as the page explains."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.conftest import shot


async def signed_in(page: Page, token: str) -> None:
    """The token in the (open) headers pane of the current tab."""
    await page.locator(".graphiql-editor-tool .graphiql-editor").last.click()
    await page.keyboard.insert_text(f'{{"Authorization": "Bearer {token}"}}')


async def test_playground_runs_the_examples_signed_in_offline(page: Page) -> None:
    await page.set_viewport_size({"width": 1280, "height": 800})  # GraphiQL is a desktop tool
    await page.goto("/graphql")
    await expect(page.locator("header.intro")).to_contain_text(
        'put {"Authorization": "Bearer <token>"} in the Headers pane'
    )
    run = page.get_by_role("button", name="Execute query (Ctrl-Enter)")
    result = page.locator(".graphiql-response")

    # The first tab signs in as the demo member.
    await expect(page.get_by_role("tab", name="SignIn")).to_be_visible()
    await run.click()
    await expect(result).to_contain_text('"handle": "lena-hoffmann"')
    found = re.search(r'"token": "([^"]+)"', await result.inner_text())
    assert found, await result.inner_text()

    # The token goes into the headers pane; the "Me" tab then answers as Lena.
    await page.get_by_role("tab", name="Me").click()
    await page.get_by_role("button", name="Headers").click()
    await signed_in(page, found.group(1))
    await run.click()
    await expect(result).to_contain_text('"email": "lena.hoffmann@example.org"')
    await shot(page, "08-playground")

    # R29's tab explains connecting and following Theo, who lets only connections follow.
    await page.get_by_role("tab", name="ConnectOrFollow").click()
    editor = page.locator(".graphiql-query-editor")
    await expect(editor).to_contain_text("query ConnectOrFollow")
    await signed_in(page, found.group(1))  # each tab has headers of its own
    await editor.click()  # GraphiQL takes the operation's name from the editor it last read
    await run.click()
    await expect(result).to_contain_text('"unavailableBecause": "FOLLOW_NOT_ALLOWED"')
    await expect(result).to_contain_text('"needsEmail": true')
