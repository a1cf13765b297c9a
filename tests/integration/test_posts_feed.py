"""R15, R17, R19: posts by audience, shares, deletion, the feed."""

from __future__ import annotations

import asyncio

from tests.support.app import Clock
from tests.support.client import Api, error_codes
from tests.support.content import (
    DELETE_POST,
    FEED,
    SHARE_POST,
    company,
    feed_texts,
    post,
    post_id,
)
from tests.support.network import BLOCK, FOLLOW, UNFOLLOW, codes, connect, mutate, settings

MEMBER_POSTS = """
query ($handle: String!) { member(handle: $handle) { posts { edges { node { text } } } } }
"""
NODE = "query ($id: ID!) { node(id: $id) { id ... on Post { text } } }"


async def member_posts(api: Api, viewer: object, handle: str) -> list[str]:
    token = getattr(viewer, "token", None)
    data = await api.data(MEMBER_POSTS, {"handle": handle}, token)
    return [edge["node"]["text"] for edge in data["member"]["posts"]["edges"]]


async def test_r17_audience_decides_who_sees_a_post(api: Api) -> None:
    ada, friend, fan, stranger = [
        await api.sign_up(h) for h in ("ada", "friend", "fan", "stranger")
    ]
    await connect(api, ada, friend)
    await mutate(api, FOLLOW, fan, id=ada.id)
    await post_id(api, ada, "for everyone")
    hidden = await post_id(api, ada, "for connections", audience="CONNECTIONS")
    assert await member_posts(api, ada, "ada") == ["for connections", "for everyone"]
    assert await member_posts(api, friend, "ada") == ["for connections", "for everyone"]
    assert await member_posts(api, fan, "ada") == ["for everyone"]
    assert await member_posts(api, stranger, "ada") == ["for everyone"]  # following not needed
    assert await member_posts(api, None, "ada") == []
    assert (await api.data(NODE, {"id": hidden}, fan.token))["node"] is None
    assert (await api.data(NODE, {"id": hidden}, friend.token))["node"]["text"] == "for connections"


async def test_r17_post_text_and_company_audience_rules(api: Api) -> None:
    ada, bob = await api.sign_up("ada"), await api.sign_up("bob")
    for text in ("", "   ", "x" * 3001):
        refused = await post(api, ada, text)
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [
            ("INVALID_INPUT", ["input", "text"])
        ]
    assert (await post(api, ada, "x" * 3000))["errors"] == []
    acme = await company(api, ada, "acme")
    as_company = await post(api, ada, "news", companyId=acme)
    assert as_company["errors"] == []
    refused = await post(api, ada, "secret", companyId=acme, audience="CONNECTIONS")
    assert codes(refused) == ["INVALID_INPUT"]
    assert codes(await post(api, bob, "hijack", companyId=acme)) == ["FORBIDDEN"]


async def test_r17_share_anyone_posts_only_and_hide_lost_originals(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    await connect(api, ada, bob)
    public = await post_id(api, ada, "public")
    private = await post_id(api, ada, "private", audience="CONNECTIONS")
    refused = await mutate(api, SHARE_POST, bob, input={"postId": private})
    assert codes(refused) == ["NOT_SHAREABLE"]
    assert codes(await mutate(api, SHARE_POST, cyd, input={"postId": private})) == ["NOT_FOUND"]
    shared = await mutate(api, SHARE_POST, bob, input={"postId": public, "text": "worth it"})
    assert shared["errors"] == []
    assert shared["post"]["isShare"] is True
    assert shared["post"]["sharedPost"] == {"id": public, "text": "public"}
    share = shared["post"]["id"]
    await mutate(api, BLOCK, cyd, id=ada.id)  # cyd may no longer see ada's post
    as_cyd = await api.data(
        "query ($id: ID!) { node(id: $id) { ... on Post { text sharedPost { text } } } }",
        {"id": share},
        cyd.token,
    )
    assert as_cyd["node"] == {"text": "worth it", "sharedPost": None}
    assert (await mutate(api, DELETE_POST, ada, id=public))["errors"] == []
    as_bob = await api.data(
        "query ($id: ID!) { node(id: $id) { ... on Post { isShare sharedPost { text } } } }",
        {"id": share},
        bob.token,
    )
    assert as_bob["node"] == {"isShare": True, "sharedPost": None}


async def test_r17_only_the_author_or_an_admin_deletes(api: Api) -> None:
    ada, bob, cyd = [await api.sign_up(h) for h in ("ada", "bob", "cyd")]
    mine = await post_id(api, ada, "mine")
    private = await post_id(api, ada, "private", audience="CONNECTIONS")
    assert codes(await mutate(api, DELETE_POST, bob, id=mine)) == ["FORBIDDEN"]
    assert codes(await mutate(api, DELETE_POST, bob, id=private)) == ["NOT_FOUND"]
    acme = await company(api, ada, "acme")
    news = await post_id(api, ada, "news", companyId=acme)
    assert codes(await mutate(api, DELETE_POST, cyd, id=news)) == ["FORBIDDEN"]
    await mutate(
        api,
        "mutation ($c: ID!, $m: ID!) { addCompanyAdmin(companyId: $c, memberId: $m) "
        "{ errors { code } } }",
        ada,
        c=acme,
        m=cyd.id,
    )
    assert (await mutate(api, DELETE_POST, cyd, id=news))["errors"] == []
    assert (await mutate(api, DELETE_POST, ada, id=mine)) == {"deletedId": mine, "errors": []}
    assert await member_posts(api, ada, "ada") == ["private"]


async def test_r17_a_retried_create_with_a_request_id_creates_once(api: Api) -> None:
    ada = await api.sign_up("ada")
    retries = [post(api, ada, "once", requestId="req-1") for _ in range(4)]
    answers = await asyncio.gather(*retries)
    assert len({answer["post"]["id"] for answer in answers}) == 1
    assert await member_posts(api, ada, "ada") == ["once"]
    assert (await post(api, ada, "once", requestId="req-2"))["post"]["id"] != answers[0]["post"][
        "id"
    ]


async def test_r19_feed_holds_own_followed_and_company_posts_newest_first(api: Api) -> None:
    me, friend, star, stranger = [
        await api.sign_up(h) for h in ("myself", "friend", "star", "stranger")
    ]
    await connect(api, me, friend)
    await mutate(api, FOLLOW, me, id=star.id)
    acme = await company(api, stranger, "acme")
    await mutate(api, FOLLOW, me, id=acme)
    for author, text, extra in (
        (me, "mine", {}),
        (friend, "friend public", {}),
        (friend, "friend private", {"audience": "CONNECTIONS"}),
        (star, "star public", {}),
        (star, "star private", {"audience": "CONNECTIONS"}),
        (stranger, "stranger", {}),
    ):
        await post_id(api, author, text, **extra)
    await post_id(api, stranger, "acme news", companyId=acme)
    assert await feed_texts(api, me) == [
        "acme news",
        "star public",
        "friend private",
        "friend public",
        "mine",
    ]


async def test_r19_unfollow_hidden_follows_and_blocks_leave_the_feed(api: Api) -> None:
    me, friend, star = [await api.sign_up(h) for h in ("myself", "friend", "star")]
    await connect(api, me, friend)
    await mutate(api, FOLLOW, me, id=star.id)
    await post_id(api, friend, "from friend")
    await post_id(api, star, "from star")
    await mutate(api, UNFOLLOW, me, id=friend.id)
    assert await feed_texts(api, me) == ["from star"]
    await settings(api, star, whoCanFollow="CONNECTIONS")
    assert await feed_texts(api, me) == []
    await settings(api, star, whoCanFollow="EVERYONE")
    assert await feed_texts(api, me) == ["from star"]
    await mutate(api, BLOCK, star, id=me.id)
    assert await feed_texts(api, me) == []


async def test_r19_feed_pages_stay_stable_while_posts_arrive(api: Api, clock: Clock) -> None:
    me, star = await api.sign_up("myself"), await api.sign_up("star")
    await mutate(api, FOLLOW, me, id=star.id)
    for i in range(5):
        clock.advance(seconds=1)
        await post_id(api, star, f"post {i}")
    first = (await api.data(FEED, {"first": 2}, me.token))["viewer"]["feed"]
    clock.advance(seconds=1)
    await post_id(api, star, "late post")
    after = first["pageInfo"]["endCursor"]
    second = (await api.data(FEED, {"first": 10, "after": after}, me.token))["viewer"]["feed"]
    texts = [edge["node"]["text"] for edge in first["edges"] + second["edges"]]
    assert texts == ["post 4", "post 3", "post 2", "post 1", "post 0"]
    assert second["pageInfo"]["hasNextPage"] is False


async def test_r15_the_followed_member_does_not_see_the_followers_posts(api: Api) -> None:
    star, fan = await api.sign_up("star"), await api.sign_up("fan")
    await mutate(api, FOLLOW, fan, id=star.id)
    await post_id(api, fan, "fan post")
    await post_id(api, star, "star post")
    assert await feed_texts(api, fan) == ["star post", "fan post"]
    assert await feed_texts(api, star) == ["star post"]


async def test_r24_posts_need_a_signed_in_member(api: Api) -> None:
    body = await api.run('mutation { createPost(input: {text: "hi"}) { errors { code } } }')
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert error_codes(await api.run("{ viewer { feed { edges { cursor } } } }")) == []
