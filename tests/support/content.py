"""Test helpers for posts, companies and messages, through the public API."""

from __future__ import annotations

from typing import Any

from tests.support.client import Account, Api
from tests.support.network import mutate

CREATE_POST = """
mutation ($input: CreatePostInput!) {
  createPost(input: $input) { post { id text audience isShare } errors { code field } }
}
"""
SHARE_POST = """
mutation ($input: SharePostInput!) {
  sharePost(input: $input) {
    post { id text isShare sharedPost { id text } } errors { code field }
  }
}
"""
DELETE_POST = "mutation ($id: ID!) { deletePost(postId: $id) { deletedId errors { code } } }"
CREATE_COMPANY = """
mutation ($input: CreateCompanyInput!) {
  createCompany(input: $input) { company { id handle isAdmin } errors { code field } }
}
"""
SEND_MESSAGE = """
mutation ($input: SendMessageInput!) {
  sendMessage(input: $input) {
    conversation { id kind canReply with { handle } }
    message { id body sender { handle } }
    errors { code }
  }
}
"""
SEND_INMAIL = """
mutation ($input: SendInMailInput!) {
  sendInMail(input: $input) {
    conversation { id kind canReply } message { id subject body } errors { code }
  }
}
"""
FEED = """
query ($first: Int, $after: String) { viewer { feed(first: $first, after: $after) {
  edges { node { text author { ... on Member { handle } ... on Company { handle } } } }
  pageInfo { hasNextPage endCursor }
} } }
"""


async def post(api: Api, author: Account, text: str, **extra: Any) -> dict[str, Any]:
    return await mutate(api, CREATE_POST, author, input={"text": text, **extra})


async def post_id(api: Api, author: Account, text: str, **extra: Any) -> str:
    payload = await post(api, author, text, **extra)
    assert payload["errors"] == [], payload
    return str(payload["post"]["id"])


async def feed_texts(api: Api, viewer: Account, first: int = 50) -> list[str]:
    data = await api.data(FEED, {"first": first}, viewer.token)
    return [edge["node"]["text"] for edge in data["viewer"]["feed"]["edges"]]


async def company(api: Api, admin: Account, handle: str, name: str = "Acme") -> str:
    payload = await mutate(api, CREATE_COMPANY, admin, input={"handle": handle, "name": name})
    assert payload["errors"] == [], payload
    return str(payload["company"]["id"])


async def message(
    api: Api, sender: Account, to: Account, body: str, **extra: Any
) -> dict[str, Any]:
    return await mutate(api, SEND_MESSAGE, sender, input={"memberId": to.id, "body": body, **extra})


async def inmail(api: Api, sender: Account, to: Account, **extra: Any) -> dict[str, Any]:
    variables = {"memberId": to.id, "subject": "Hello", "body": "A job for you", **extra}
    return await mutate(api, SEND_INMAIL, sender, input=variables)
