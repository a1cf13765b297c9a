"""Browser fixtures: the real app on the demo network, and Debian's Chromium driven by
Playwright (async API, on the suite's event loop; no browser download, no network but ours)."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, Route, ViewportSize, async_playwright, expect

from tests.browser.server import live_server
from tests.support.app import TEST_SETTINGS
from tests.support.neo4j import Neo4jServer

CHROMIUM = Path(os.environ.get("VERNETZT_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
VENDOR = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "graphiql"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
# A cold Neo4j plans each new query for up to seconds; the first page may wait on several.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="module")
def base_url(neo4j_server: Neo4jServer) -> Iterator[str]:
    """The app on a free port, on a database holding exactly the demo network."""
    settings = dataclasses.replace(
        TEST_SETTINGS,
        neo4j_uri=neo4j_server.uri,
        neo4j_user=neo4j_server.user,
        neo4j_password=neo4j_server.password,
    )
    with live_server(settings) as base:
        yield base


def _require(path: Path, what: str) -> None:
    if path.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing at {path} (CI must not skip the browser tests)")
    pytest.skip(f"{what} is missing at {path}")


class Pages:
    """Opens phone-sized pages, each in a fresh browser context (its own sessionStorage: one
    person each), that may reach only our server (no CDN); collects script errors."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.outside: list[str] = []
        self.script_errors: list[str] = []
        self.opened: list[Page] = []

    async def open(
        self, base_url: str, viewport: ViewportSize = PHONE, bypass_csp: bool = False
    ) -> Page:
        """`bypass_csp` lets a test inject a script of its own (the accessibility audit)."""

        async def only_ours(route: Route) -> None:
            if route.request.url.startswith(base_url + "/"):
                await route.continue_()
            else:
                self.outside.append(route.request.url)
                await route.abort()

        context = await self.browser.new_context(
            viewport=viewport, base_url=base_url, bypass_csp=bypass_csp
        )
        await context.route("**/*", only_ours)
        page = await context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.opened.append(page)
        return page


@pytest.fixture
async def pages(request: pytest.FixtureRequest) -> AsyncIterator[Pages]:
    """Debian's Chromium for one test; fails the test on a script error or on a request that
    leaves our server. The last screen of each page is saved as an artifact."""
    _require(CHROMIUM, "Chromium (make browser)")
    _require(VENDOR, "the vendored GraphiQL (make web)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        opened = Pages(browser)
        try:
            yield opened
            name = re.sub(r"\W+", "-", request.node.name).strip("-")
            for number, page in enumerate(opened.opened, start=1):
                suffix = "" if number == 1 else f"-{number}"
                await page.screenshot(path=ARTIFACTS / f"{name}{suffix}-last.png", full_page=True)
        finally:
            await browser.close()
    assert opened.outside == [], f"the page reached beyond our server: {opened.outside}"
    assert opened.script_errors == [], f"script errors: {opened.script_errors}"


@pytest.fixture
async def page(base_url: str, pages: Pages) -> Page:
    """One phone-sized page on the app (see `pages`)."""
    return await pages.open(base_url)


async def shot(page: Page, name: str) -> None:
    """A screenshot of the whole page as a test artifact."""
    await page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
