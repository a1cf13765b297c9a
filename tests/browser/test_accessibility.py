"""Accessibility, measured by a tool nobody here wrote: axe-core (npm, web/node_modules),
injected into every page of the web client, signed out and signed in, on a phone-sized and a
desktop page. No violation of impact serious or critical may remain.

The audit runs with the page's CSP bypassed, since axe is injected as a script of the test's
own; every other browser test runs under the real CSP."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.async_api import Page, ViewportSize, expect

from tests.browser.conftest import DESKTOP, PHONE, Pages
from tests.browser.steps import sign_in

AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = {"serious", "critical"}
# Pages a visitor reaches without signing in (the profile and company pages are public).
SIGNED_OUT = ["#/signin", "#/join", "#/profile/nina-huber", "#/company/nordlicht-labs"]
# Every page of a signed-in member, on the demo network: Lena has invitations, messages,
# notifications-to-be, a company she runs and blocked someone.
SIGNED_IN = [
    "#/feed",
    "#/network",
    "#/invitations",
    "#/messages",
    "#/messages/jonas-weber",
    "#/notifications",
    "#/search?q=weber",
    "#/companies",
    "#/company/nordlicht-labs",
    "#/profile/lena-hoffmann",
    "#/profile/jonas-weber",
    "#/profile/katharina-fuchs",
    "#/settings",
]
# Resolves once the client's own hashchange listener (registered first) has started the render,
# which marks <main> busy until the page is in place.
NAVIGATE = """route => new Promise(resolve => {
  if (location.hash === route) return resolve();
  window.addEventListener("hashchange", () => resolve(), { once: true });
  location.hash = route;
})"""
VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]


async def severe_violations(page: Page, route: str) -> list[dict[str, Any]]:
    """Opens `route`, waits for the page to be rendered, runs axe on the whole document."""
    await page.evaluate(NAVIGATE, route)
    await expect(page.locator("main h1").first).to_be_visible()
    await expect(page.locator("main[aria-busy]")).to_have_count(0)
    if not await page.evaluate("typeof window.axe === 'object'"):
        await page.add_script_tag(path=str(AXE))
    results = await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [
        {
            "route": route,
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in SEVERE
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
async def test_every_page_passes_axe_signed_out(
    base_url: str, pages: Pages, viewport: ViewportSize
) -> None:
    assert AXE.exists(), f"axe-core is missing at {AXE} (make web)"
    page = await pages.open(base_url, viewport=viewport, bypass_csp=True)
    await page.goto("/")
    found = [v for route in SIGNED_OUT for v in await severe_violations(page, route)]
    assert found == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
async def test_every_page_passes_axe_signed_in(
    base_url: str, pages: Pages, viewport: ViewportSize
) -> None:
    page = await pages.open(base_url, viewport=viewport, bypass_csp=True)
    await sign_in(page, "Lena Hoffmann")
    post = await page.evaluate(
        "window.vernetzt.request('{ viewer { feed(first: 1) { edges { node { id } } } } }')"
    )
    one_post = "#/post/" + quote(post["viewer"]["feed"]["edges"][0]["node"]["id"], safe="")
    found = [v for route in [*SIGNED_IN, one_post] for v in await severe_violations(page, route)]
    assert found == []
