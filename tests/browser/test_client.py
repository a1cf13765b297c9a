"""The web client at /, clicked through like a person would, on the demo network (demo/data.py).

The story: Jonas Weber is not connected with Charlotte Hahn, whose profile offers Follow (R1). He
follows her and reads her post in his feed, but cannot message her (R12). He invites her through
the secondary Connect; she accepts in her inbox (R7); now both follow each other, he sees her
connections (R11) and they exchange a message."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.conftest import shot
from tests.browser.steps import badge, open_profile, sign_in, sign_out


async def test_follow_then_connect_then_message_story(page: Page) -> None:
    # A wrong password is refused with the API's own message (a payload UserError).
    await page.goto("/")
    await page.get_by_label("E-mail").fill("jonas.weber@example.org")
    await page.get_by_label("Password").fill("not the password")
    await page.get_by_label("Password").press("Enter")  # keyboard: Enter submits the form
    await expect(page.get_by_role("alert")).to_have_text(
        "The e-mail address or the password is wrong."
    )
    await sign_in(page, "Jonas Weber")

    # Charlotte chose Follow: it is the primary button; Connect is secondary; no Message.
    await open_profile(page, "Charlotte Hahn")
    group = page.get_by_role("group", name="Actions")
    await expect(group.get_by_role("button")).to_have_text(["Follow", "Connect", "Block"])
    await expect(group.get_by_role("button", name="Follow")).to_have_class(re.compile("primary"))
    await expect(page.get_by_text("4 followers")).to_be_visible()
    await expect(badge(page, "Charlotte Hahn")).to_have_text("Out of network")
    await shot(page, "01-profile-offers-follow")

    await group.get_by_role("button", name="Follow").click()
    await expect(page.get_by_role("status")).to_have_text("You now follow Charlotte Hahn.")
    await expect(group.get_by_role("button")).to_have_text(["Unfollow", "Connect", "Block"])
    await expect(page.get_by_text("5 followers")).to_be_visible()

    # Following brings her posts into his feed (R15, R19).
    await page.get_by_role("link", name="Feed").click()
    await expect(
        page.get_by_role("article", name="Post by Charlotte Hahn").get_by_text(
            "New podcast episode: careers in open source."
        )
    ).to_be_visible()
    await shot(page, "02-feed-after-follow")

    # Following does not unlock messages (R12): no Message button, no message form.
    await page.evaluate("location.hash = '#/messages/charlotte-hahn'")
    await expect(
        page.get_by_text("You can message Charlotte Hahn once you are connected.")
    ).to_be_visible()
    await expect(page.get_by_role("button", name="Send", exact=True)).to_have_count(0)

    # He invites her through the secondary Connect, with a note.
    await page.get_by_role("link", name="Go to Charlotte Hahn's profile").click()
    await group.get_by_role("button", name="Connect").click()
    await page.get_by_label("Add a note").fill("Loved the episode on open source.")
    await page.get_by_role("button", name="Send invitation").click()
    await expect(page.get_by_role("status")).to_have_text("Invitation sent to Charlotte Hahn.")
    await expect(group.get_by_role("button")).to_have_text(
        ["Pending", "Withdraw invitation", "Unfollow", "Block"]
    )
    await expect(group.get_by_role("button", name="Pending")).to_be_disabled()
    await shot(page, "03-invitation-pending")
    await sign_out(page)

    # Charlotte accepts in her inbox.
    await sign_in(page, "Charlotte Hahn")
    await page.get_by_role("link", name="Invitations").click()
    invitation = page.get_by_role("listitem", name="Invitation from Jonas Weber")
    await expect(invitation).to_contain_text("Loved the episode on open source.")
    await shot(page, "04-invitations-inbox")
    await invitation.get_by_role("button", name="Accept").click()
    await expect(page.get_by_role("status")).to_have_text("You and Jonas Weber are now connected.")
    await expect(page.get_by_text("No invitations waiting.")).to_be_visible()
    # Accepting made her follow him (R7): his profile offers her Message, then Unfollow.
    await open_profile(page, "Jonas Weber")
    await expect(group.get_by_role("button")).to_have_text(
        ["Message", "Unfollow", "Remove connection", "Block"]
    )
    await expect(badge(page, "Jonas Weber")).to_have_text("1st degree connection")
    await sign_out(page)

    # Jonas now sees a first-degree connection: he follows her, she follows him, he sees her
    # connections, and he can message her.
    await sign_in(page, "Jonas Weber")
    await open_profile(page, "Charlotte Hahn")
    await expect(group.get_by_role("button")).to_have_text(
        ["Message", "Unfollow", "Remove connection", "Block"]
    )
    await expect(page.get_by_text("Charlotte Hahn follows you.")).to_be_visible()
    connections = page.get_by_role("region", name="Connections (1)")
    await expect(connections.get_by_role("link")).to_have_text(["Jonas Weber"])
    await expect(page.get_by_text("1 connection", exact=True)).to_be_visible()
    await shot(page, "05-profile-connected")

    await group.get_by_role("button", name="Message").click()
    await page.get_by_label("Message to Charlotte Hahn").fill("Thanks for connecting, Charlotte!")
    await page.get_by_role("button", name="Send", exact=True).click()
    await expect(page.get_by_role("status")).to_have_text("Message sent.")
    await expect(page.get_by_role("list", name="Messages")).to_contain_text(
        "Thanks for connecting, Charlotte!"
    )
    await shot(page, "06-message-sent")


async def test_how_you_are_connected_and_search_badges(page: Page) -> None:
    await sign_in(page, "Jonas Weber")
    # Search results carry the viewer's degree (R22): Mira is a connection of Jonas.
    await page.get_by_role("link", name="Search").click()
    await page.get_by_label("Name or headline").fill("Schulz")
    await page.get_by_role("button", name="Search", exact=True).click()
    result = page.get_by_role("main").get_by_role("listitem").filter(has_text="Mira Schulz")
    await expect(result.locator(".badge")).to_have_text("1st degree connection")

    # Paul Wagner is second degree, through Lena (R23): the path names her.
    await open_profile(page, "Paul Wagner")
    path = page.get_by_role("region", name="How you're connected")
    await expect(path.get_by_role("listitem")).to_have_text(["You", "Lena Hoffmann", "Paul Wagner"])
    await expect(badge(page, "Paul Wagner")).to_have_text("2nd degree connection")
    await shot(page, "07-how-youre-connected")

    # A top-level GraphQL error is shown as its message: a token the server refuses.
    await page.evaluate(
        "sessionStorage.setItem('vernetzt.session', JSON.stringify("
        "{token: 'not-a-token', handle: 'jonas-weber', name: 'Jonas Weber'}))"
    )
    await page.get_by_role("link", name="Feed").click()
    await expect(page.get_by_role("alert")).to_have_text("The token is not valid.")
    await expect(page.get_by_role("heading", name="Sign in to Vernetzt")).to_be_visible()
