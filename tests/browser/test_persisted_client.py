"""The web client sends its operations by hash (Apollo's persisted-queries protocol): queries
by GET, mutations by POST, and no operation's text, since the server knows the client's list
(web/operations.json) from the start."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlparse

from playwright.async_api import Page, Request, expect

from tests.browser.steps import sign_in


async def test_the_client_sends_its_operations_by_hash_alone(page: Page) -> None:
    sent: list[tuple[str, bool, bool]] = []  # method, with a hash, with the text

    def record(request: Request) -> None:
        if urlparse(request.url).path != "/graphql":
            return
        if request.method == "GET":
            fields = {
                key: values[0] for key, values in parse_qs(urlparse(request.url).query).items()
            }
        else:
            fields = json.loads(request.post_data or "{}")
        extensions: Any = fields.get("extensions") or {}
        if isinstance(extensions, str):
            extensions = json.loads(extensions)
        sent.append((request.method, "persistedQuery" in extensions, "query" in fields))

    page.on("request", record)
    await sign_in(page, "Lena Hoffmann")  # a mutation, then the feed's queries
    await page.get_by_role("link", name="Search").click()
    await page.get_by_label("Name or headline").fill("Jan")
    await page.get_by_role("button", name="Search", exact=True).click()
    await expect(page.get_by_role("main").get_by_role("link", name="Jan Meier")).to_be_visible()
    methods = {method for method, _, _ in sent}
    assert methods == {"GET", "POST"}, sent
    assert all(hashed and not with_text for _, hashed, with_text in sent), sent
