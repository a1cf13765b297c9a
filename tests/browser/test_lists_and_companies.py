"""Lists that page, posts that go, company pages run by their admins, and a Connect that cannot
burn the weekly quota: the web client on the demo network (demo/data.py), clicked through like a
person would. What a test needs beyond the demo it makes through the API, as another client would.

The module shares one seeded server: no test's assertions depend on what another one changes
(where two read the same list, each compares with what the API answers at that moment)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Locator, Page, expect

from demo.data import DEMO_PASSWORD, email_of
from tests.browser.conftest import Pages, shot
from tests.browser.steps import open_profile, sign_in
from tests.support.client import Account, Api
from tests.support.content import feed_texts, message, post_id
from tests.support.network import connect

SIGN_IN = """
mutation ($input: SignInInput!) { signIn(input: $input) { token member { id handle } } }
"""
QUOTA = "{ viewer { invitationQuota { remaining } } }"
INVITATION_SENT = """
query ($handle: String!) { member(handle: $handle) { relationship { invitationSent { id } } } }
"""
SEARCH = """
query ($q: String!) { searchMembers(query: $q, first: 100) { edges { node { name } } } }
"""
FOLLOWERS = """
{ viewer {
  followers(first: 100) { edges { node { name } } }
  following(first: 100) { edges { node { ... on Member { name } ... on Company { name } } } }
} }
"""
MESSAGES = """
query ($id: ID!) { node(id: $id) { ... on Conversation {
  messages(first: 100) { edges { node { body } } } } } }
"""


@pytest.fixture
async def api(base_url: str) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        yield Api(client)


async def demo_member(api: Api, handle: str) -> Account:
    """A demo member signed in through the API."""
    email = email_of(handle)
    variables = {"input": {"email": email, "password": DEMO_PASSWORD}}
    signed = (await api.data(SIGN_IN, variables))["signIn"]
    return Account(signed["member"]["id"], handle, email, signed["token"])


async def go(page: Page, link: str) -> None:
    """Follows a link of the main navigation."""
    nav = page.get_by_role("navigation", name="Main")
    await nav.get_by_role("link", name=link, exact=True).click()
    await expect(page.get_by_role("heading", name=link, level=1)).to_be_visible()


async def show_all(scope: Page | Locator, button: str, shown: Locator) -> None:
    """Presses `button` (in `scope`) until the list has no further page."""
    more = scope.get_by_role("button", name=button)
    while await more.is_visible():
        before = await shown.count()
        await more.click()
        await expect(shown).not_to_have_count(before)


async def remaining_quota(api: Api, member: Account) -> int:
    data = await api.data(QUOTA, token=member.token)
    return int(data["viewer"]["invitationQuota"]["remaining"])


async def invitation_sent(api: Api, member: Account, to: str) -> Any:
    data = await api.data(INVITATION_SENT, {"handle": to}, member.token)
    return data["member"]["relationship"]["invitationSent"]


async def test_r17_a_member_deletes_their_post_and_it_is_gone_from_the_feed(page: Page) -> None:
    await sign_in(page, "Jonas Weber")
    text = "Our graph import is down from an hour to six minutes."
    mine = page.get_by_role("article", name="Post by Jonas Weber").filter(has_text=text)
    # Only one's own posts offer Delete (R17).
    others = page.get_by_role("article", name="Post by Nina Huber")
    await expect(others.get_by_role("button", name="Share")).to_be_visible()
    await expect(others.get_by_role("button", name="Delete")).to_have_count(0)

    # Delete asks once more; Cancel keeps the post.
    await mine.get_by_role("button", name="Delete", exact=True).click()
    await expect(mine.get_by_text("Delete this post? This cannot be undone.")).to_be_visible()
    await mine.get_by_role("button", name="Cancel").click()
    await expect(mine.get_by_role("button", name="Delete", exact=True)).to_be_focused()
    await mine.get_by_role("button", name="Delete", exact=True).click()
    await mine.get_by_role("button", name="Delete post").click()
    await expect(page.get_by_role("status")).to_have_text("Post deleted.")
    await expect(mine).to_have_count(0)
    await shot(page, "lists-01-post-deleted")

    # The server deleted it: the feed read again does not have it either.
    await go(page, "Messages")
    await go(page, "Feed")
    await expect(page.get_by_role("article", name="Post by Nina Huber")).to_be_visible()
    await expect(page.get_by_text(text)).to_have_count(0)


async def test_r20_r17_r19_an_admin_runs_a_company_page_and_a_follower_reads_its_post(
    base_url: str, pages: Pages
) -> None:
    moritz = await pages.open(base_url)
    charlotte = await pages.open(base_url)
    await sign_in(moritz, "Moritz Kaiser")
    await sign_in(charlotte, "Charlotte Hahn")

    # Moritz creates a company from the Companies page; its page opens, with him as admin.
    await go(moritz, "Companies")
    create = moritz.get_by_role("form", name="Create a company page")
    await create.get_by_label("Handle").fill("kaiser-open-source")
    await create.get_by_label("Name", exact=True).fill("Kaiser Open Source")
    await create.get_by_label("Description").fill("Maintainers for hire.")
    await create.get_by_role("button", name="Create company").click()
    await expect(moritz.get_by_role("heading", name="Kaiser Open Source", level=1)).to_be_visible()
    await expect(moritz.get_by_role("status")).to_have_text("You created Kaiser Open Source.")
    await expect(moritz.get_by_text("You are an admin of this company.")).to_be_visible()

    # He posts as the company: always to anyone (R17).
    await moritz.get_by_label("Share an update").fill("We maintain graph drivers. Hire us!")
    await moritz.get_by_role("button", name="Post", exact=True).click()
    await expect(moritz.get_by_role("status")).to_have_text("Posted as Kaiser Open Source.")
    company_post = moritz.get_by_role("article", name="Post by Kaiser Open Source")
    await expect(company_post).to_contain_text("We maintain graph drivers. Hire us!")
    await expect(company_post).to_contain_text("Anyone")

    # Charlotte finds the company by its handle and follows it; the post is in her feed (R19).
    await go(charlotte, "Companies")
    await charlotte.get_by_label("Company handle").fill("kaiser-open-source")
    await charlotte.get_by_role("button", name="Open company").click()
    await charlotte.get_by_role("button", name="Follow").click()
    await expect(charlotte.get_by_role("status")).to_have_text("You now follow Kaiser Open Source.")
    # What only admins see is not there for her (R20).
    for admins_only in ("Post as Kaiser Open Source", "Followers (1)", "Admins"):
        await expect(charlotte.get_by_role("heading", name=admins_only)).to_have_count(0)
    her_view = charlotte.get_by_role("article", name="Post by Kaiser Open Source")
    await expect(her_view.get_by_role("button", name="Share")).to_be_visible()
    await expect(her_view.get_by_role("button", name="Delete", exact=True)).to_have_count(0)
    await go(charlotte, "Feed")
    await expect(
        charlotte.get_by_role("article", name="Post by Kaiser Open Source")
    ).to_contain_text("We maintain graph drivers. Hire us!")
    await shot(charlotte, "lists-02-company-post-in-feed")

    # Moritz adds an admin by handle (an unknown one is refused at the field) ...
    admins = moritz.get_by_role("region", name="Admins")
    await admins.get_by_label("Member handle").fill("no-such-member")
    await admins.get_by_role("button", name="Add admin").click()
    await expect(admins.get_by_text("No member has this handle.")).to_be_visible()
    await expect(admins.get_by_label("Member handle")).to_be_focused()
    await admins.get_by_label("Member handle").fill("nina-huber")
    await admins.get_by_role("button", name="Add admin").click()
    await expect(moritz.get_by_role("status")).to_have_text(
        "Nina Huber is now an admin of Kaiser Open Source."
    )
    await expect(admins.get_by_role("list", name="Admins").get_by_role("link")).to_have_text(
        ["Moritz Kaiser", "Nina Huber"]
    )
    # ... and sees the company's followers (R20: its admins only).
    followers = moritz.get_by_role("region", name="Followers (1)")
    await expect(followers.get_by_role("link")).to_have_text(["Charlotte Hahn"])
    await shot(moritz, "lists-03-company-admin")

    # An admin deletes the company's post (R17); it leaves the follower's feed.
    await company_post.get_by_role("button", name="Delete", exact=True).click()
    await company_post.get_by_role("button", name="Delete post").click()
    await expect(moritz.get_by_role("status")).to_have_text("Post deleted.")
    await expect(company_post).to_have_count(0)
    await expect(moritz.get_by_text("No posts yet.")).to_be_focused()
    await charlotte.reload()
    await expect(charlotte.get_by_role("heading", name="Feed", level=1)).to_be_visible()
    await expect(charlotte.get_by_text("We maintain graph drivers. Hire us!")).to_have_count(0)


async def test_r19_r22_the_feed_and_search_page_on_without_a_duplicate_or_a_gap(
    page: Page, api: Api
) -> None:
    lena = await demo_member(api, "lena-hoffmann")
    for number in range(1, 13):
        await post_id(api, lena, f"Paging post {number}")
    expected = [text for text in await feed_texts(api, lena, first=100) if text]
    assert len(expected) > 20  # three pages of ten

    await sign_in(page, "Lena Hoffmann")
    feed = page.get_by_role("list", name="Posts")
    texts = feed.locator(":scope > li > article > p.post")
    await expect(feed.locator(":scope > li")).to_have_count(10)
    await page.get_by_role("button", name="Show more").click()
    await expect(feed.locator(":scope > li")).to_have_count(20)
    # The focus goes to the first post of the new page.
    await expect(feed.locator(":scope > li").nth(10)).to_be_focused()
    await show_all(page, "Show more", feed.locator(":scope > li"))
    assert await texts.all_inner_texts() == expected

    # Search results page the same way (R22): every match once, in the API's order.
    data = await api.data(SEARCH, {"q": "engineer"}, lena.token)
    names = [edge["node"]["name"] for edge in data["searchMembers"]["edges"]]
    assert len(names) > 10
    await go(page, "Search")
    await page.get_by_label("Name or headline").fill("engineer")
    await page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_role("list", name="Results").get_by_role("listitem")
    await expect(results).to_have_count(10)
    await expect(page.get_by_role("heading", name=f"{len(names)} results")).to_be_visible()
    await shot(page, "lists-06-search-first-page")
    await show_all(page, "Show more", results)
    await expect(page.get_by_role("button", name="Show more")).to_be_hidden()
    assert await results.get_by_role("link").all_inner_texts() == names


async def test_r12_earlier_messages_load_above_without_a_duplicate_or_a_gap(
    page: Page, api: Api
) -> None:
    jonas, mira = await demo_member(api, "jonas-weber"), await demo_member(api, "mira-schulz")
    for number in range(1, 26):
        sent = await message(api, mira, jonas, f"Paging message {number}")
        assert sent["errors"] == [], sent
    conversation = sent["conversation"]["id"]
    data = await api.data(MESSAGES, {"id": conversation}, jonas.token)
    oldest_first = [edge["node"]["body"] for edge in reversed(data["node"]["messages"]["edges"])]

    await sign_in(page, "Jonas Weber")
    await page.evaluate("location.hash = '#/messages/mira-schulz'")
    messages = page.get_by_role("list", name="Messages").get_by_role("listitem")
    # The latest twenty, oldest on top; the earlier ones come above, and the focus goes there.
    await expect(messages).to_have_count(20)
    await expect(messages.last).to_contain_text("Paging message 25")
    await page.get_by_role("button", name="Show earlier messages").click()
    await expect(messages).to_have_count(len(oldest_first))
    await expect(page.get_by_role("button", name="Show earlier messages")).to_be_hidden()
    await expect(messages.first).to_be_focused()
    bodies = page.get_by_role("list", name="Messages").locator(".body")
    assert await bodies.all_inner_texts() == oldest_first
    await shot(page, "lists-04-earlier-messages")

    # New messages still arrive live, once, at the bottom (R27).
    await message(api, mira, jonas, "Paging message 26, live")
    await expect(messages).to_have_count(len(oldest_first) + 1)
    await expect(messages.last).to_contain_text("Paging message 26, live")


async def test_r5_r6_connect_asks_for_the_address_first_and_cancel_costs_nothing(
    page: Page, api: Api
) -> None:
    # Tom connects with Nina, Katharina's only connection: she becomes a suggestion for him.
    tom, nina = await demo_member(api, "tom-schmitz"), await demo_member(api, "nina-huber")
    await connect(api, tom, nina)
    quota = await remaining_quota(api, tom)

    await sign_in(page, "Tom Schmitz")
    await go(page, "My network")
    katharina = page.get_by_role("listitem", name="Katharina Fuchs")
    await expect(katharina).to_contain_text("1 mutual connection: Nina Huber")
    connect_button = katharina.get_by_role("button", name="Connect")
    await connect_button.click()
    form = page.get_by_role("form", name="Invite Katharina Fuchs to connect")
    await expect(form.get_by_label("E-mail")).to_be_focused()
    await expect(form).to_contain_text("accepts invitations only from people who know")
    await shot(page, "lists-05-connect-asks-for-the-address")

    # Cancel sends nothing: no invitation, the quota as it was (R5, R6).
    await form.get_by_role("button", name="Cancel").click()
    await expect(form).to_have_count(0)
    await expect(connect_button).to_be_focused()
    assert await remaining_quota(api, tom) == quota
    assert await invitation_sent(api, tom, "katharina-fuchs") is None

    # A wrong address is refused at the field, and uses up one invitation, as the form warned.
    await connect_button.click()
    await form.get_by_label("E-mail").fill("katharina@example.org")
    await form.get_by_role("button", name="Send invitation").click()
    await expect(form.get_by_label("E-mail")).to_have_accessible_description(
        "This member accepts invitations only from people who know their e-mail."
    )
    await expect(form.get_by_label("E-mail")).to_be_focused()
    assert await remaining_quota(api, tom) == quota - 1

    # With her address the invitation goes out, and she is no longer suggested (R21).
    await form.get_by_label("E-mail").fill("Katharina.Fuchs@example.org")
    await form.get_by_role("button", name="Send invitation").click()
    await expect(page.get_by_role("status")).to_have_text("Invitation sent to Katharina Fuchs.")
    await expect(katharina).to_have_count(0)
    assert await invitation_sent(api, tom, "katharina-fuchs") is not None
    assert await remaining_quota(api, tom) == quota - 2

    # The profile's Connect asks first too (Sarah Lehmann also wants her address).
    await open_profile(page, "Sarah Lehmann")
    await page.get_by_role("group", name="Actions").get_by_role("button", name="Connect").click()
    form = page.get_by_role("form", name="Invite Sarah Lehmann to connect")
    await expect(form.get_by_label("E-mail")).to_be_focused()
    await form.get_by_role("button", name="Cancel").click()
    await expect(form).to_have_count(0)
    assert await invitation_sent(api, tom, "sarah-lehmann") is None


async def test_r4_connect_with_a_note_using_only_the_keyboard(page: Page) -> None:
    await sign_in(page, "Emma Fischer")
    await open_profile(page, "Paul Wagner")
    # The page took the focus; Tab reaches Connect, and Enter opens the form with the focus in
    # its first field.
    connect_button = page.get_by_role("group", name="Actions").get_by_role("button", name="Connect")
    for _ in range(20):
        await page.keyboard.press("Tab")
        if await connect_button.evaluate("button => button === document.activeElement"):
            break
    await expect(connect_button).to_be_focused()
    await page.keyboard.press("Enter")
    note = page.get_by_label("Add a note")
    await expect(note).to_be_focused()
    await page.keyboard.type("We met at the SRE meetup.")
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("button", name="Send invitation")).to_be_focused()
    await page.keyboard.press("Space")
    await expect(page.get_by_role("status")).to_have_text("Invitation sent to Paul Wagner.")
    await expect(page.get_by_role("group", name="Actions").get_by_role("button")).to_have_text(
        ["Pending", "Withdraw invitation", "Follow", "Block"]
    )


async def test_r14_r11_followers_on_ones_own_profile_mutual_connections_on_anothers(
    page: Page, api: Api
) -> None:
    lena = await demo_member(api, "lena-hoffmann")
    data = await api.data(FOLLOWERS, token=lena.token)
    followers = [edge["node"]["name"] for edge in data["viewer"]["followers"]["edges"]]
    following = [edge["node"]["name"] for edge in data["viewer"]["following"]["edges"]]

    await sign_in(page, "Lena Hoffmann")
    await (
        page.get_by_role("navigation", name="Main")
        .get_by_role("link", name="Lena Hoffmann")
        .click()
    )
    mine = page.get_by_role("region", name=f"Followers ({len(followers)})")
    await expect(mine.get_by_role("link")).to_have_text(followers)
    following_region = page.get_by_role("region", name=f"Following ({len(following)})")
    await expect(following_region.get_by_role("link")).to_have_text(following)

    # Another member's followers are theirs to see (R14); the mutual connections are shown (R11).
    await open_profile(page, "Jonas Weber")
    mutual = page.get_by_role("region", name="Mutual connections (1)")
    await expect(mutual.get_by_role("link")).to_have_text(["Mira Schulz"])
    await expect(page.get_by_role("heading", name="Followers")).to_have_count(0)
    await expect(page.get_by_role("heading", name="Following")).to_have_count(0)
