"""Structured logs (server/logs.py) of a real API process at its most verbose (DEBUG): every
line it writes is one JSON object, each request has its line with the caller's trace id, and
no password, token, e-mail address, message text or export content a member sent or got back
appears anywhere in the output, whatever the requests did: sign-ups, sign-ins right and wrong,
messages (in variables, inline, and by GET), a malformed one, an export, a deletion."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import httpx

from tests.support.client import SIGN_UP, Account, Api
from tests.support.live import live
from tests.support.neo4j import Neo4jServer
from tests.support.network import connect
from tests.support.processes import api_process

SIGN_IN = """
mutation SignIn($email: String!, $password: String!) {
  signIn(input: {email: $email, password: $password}) { token errors { code } }
}
"""
SEND = """
mutation Send($m: ID!, $body: String!) {
  sendMessage(input: {memberId: $m, body: $body}) { errors { code } }
}
"""
CONVERSATIONS = "query Mine { viewer { member { handle } } }"
EXPORT = "mutation Export { requestDataExport { export errors { code } } }"
DELETE = """
mutation Leave($password: String!) { deleteAccount(input: {password: $password}) {
  deleted errors { code }
} }
"""
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


def secret(kind: str) -> str:
    """A value no log line could hold by chance."""
    return f"{kind}-{secrets.token_hex(8)}"


async def sign_up(api: Api, sent: list[str]) -> tuple[Account, str]:
    handle, password = f"logs-{secrets.token_hex(4)}", secret("password")
    email = f"{secret('mail')}@example.org"
    account = {"handle": handle, "name": "Logs", "email": email, "password": password}
    payload = (await api.data(SIGN_UP, {"input": account}))["signUp"]
    assert payload["errors"] == [], payload
    sent += [password, email, payload["token"]]
    return Account(payload["member"]["id"], handle, email, payload["token"]), password


async def exercise(api: Api, client: httpx.AsyncClient) -> list[str]:
    """Requests of every kind that carry something private; what they sent and got back."""
    sent: list[str] = []
    (ana, ana_password), (bob, _) = await sign_up(api, sent), await sign_up(api, sent)
    signed_in = await api.data(SIGN_IN, {"email": ana.email, "password": ana_password})
    sent.append(signed_in["signIn"]["token"])
    wrong = secret("wrong-password")
    sent.append(wrong)
    refused = await api.data(SIGN_IN, {"email": ana.email, "password": wrong})
    assert refused["signIn"]["errors"]
    await connect(api, ana, bob)
    message = secret("message")
    for body in (message, secret("another-message")):
        sent.append(body)
        assert (await api.data(SEND, {"m": bob.id, "body": body}, ana.token))["sendMessage"][
            "errors"
        ] == []
    inline = secret("inline-message")
    sent.append(inline)
    document = (
        f'mutation {{ sendMessage(input: {{memberId: "{bob.id}", body: "{inline}"}}) {{ x }} }}'
    )
    assert (await api.post(document, token=ana.token)).json()["errors"]  # invalid: logged
    by_get = secret("get-variable")
    sent.append(by_get)
    variables = json.dumps({"handle": by_get})
    query = "query ByGet($handle: String!) { member(handle: $handle) { handle } }"
    answer = await client.get("/graphql", params={"query": query, "variables": variables})
    assert answer.status_code == 200
    headers = {"Authorization": f"Bearer {ana.token}", "traceparent": TRACEPARENT}
    exported = await client.post("/graphql", json={"query": EXPORT}, headers=headers)
    export = exported.json()["data"]["requestDataExport"]["export"]
    assert message in json.dumps(export)  # the export carries the messages
    download = await client.get("/export", headers={"Authorization": f"Bearer {bob.token}"})
    assert download.status_code == 200
    assert (await api.data(DELETE, {"password": ana_password}, ana.token))["deleteAccount"][
        "deleted"
    ]
    after = await api.post(CONVERSATIONS, token=ana.token)  # a token that ended: 401, logged
    assert after.status_code == 401
    return sent


async def test_the_log_is_json_lines_with_trace_ids_and_holds_nothing_private(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    output = tmp_path / "api.log"
    env = {"VERNETZT_LOG_LEVEL": "DEBUG"}
    with api_process(neo4j_server, env, output) as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            sent = await exercise(Api(client), client)
    text = output.read_text()
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    requests = [line for line in lines if line.get("event") == "request"]
    assert len(requests) >= 15
    assert all(len(line["trace_id"]) == 32 for line in requests)
    export_line = [line for line in requests if line.get("operation") == "Export"]
    assert [line["trace_id"] for line in export_line] == [TRACE_ID]
    assert {line["status"] for line in requests} >= {200, 401}
    # Each line lists every code its request answered with: none for those that went well.
    ended = [line for line in requests if line["status"] == 401]
    assert ended
    assert all(line["error_codes"] == ["UNAUTHENTICATED"] for line in ended)
    assert all(line["error_codes"] == [] for line in requests if line["outcome"] == "ok")
    assert any(line.get("event") == "request" and line["path"] == "/export" for line in lines)
    leaked = [value for value in sent if value in text]
    assert leaked == []
    assert "@example.org" not in text
    assert "eyJ" not in text  # no token of anyone's


SUBSCRIBE = "subscription Live($c: ID!) { messageAdded(conversationId: $c) { body } }"


async def test_a_socket_logs_its_opening_subscriptions_and_close_and_nothing_private(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    """The socket's own lines (server/logs.py): opened, each subscribe with its operation's
    name, closed with its code; never the token of its connection_init, its variables, or a
    message body it delivers."""
    output = tmp_path / "api.log"
    with api_process(neo4j_server, {"VERNETZT_LOG_LEVEL": "DEBUG"}, output) as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            api, sent = Api(client), list[str]()
            (ana, _), (bob, _) = await sign_up(api, sent), await sign_up(api, sent)
            await connect(api, ana, bob)
            conversation = secret("conversation")
            sent.append(conversation)
            async with live(base) as socket:
                assert await socket.init(ana.token) == {"type": "connection_ack"}
                await socket.subscribe(SUBSCRIBE, {"c": conversation})
                await socket.quiet(1.0)  # its answer (an error: no such conversation) or none
    lines = [json.loads(line) for line in output.read_text().splitlines() if line.strip()]
    events = [line.get("event") for line in lines]
    assert {"socket_opened", "subscribe", "socket_closed"} <= set(events)
    assert events.index("socket_opened") < events.index("subscribe") < events.index("socket_closed")
    subscribe = next(line for line in lines if line.get("event") == "subscribe")
    assert subscribe["operation"] == "Live"
    closed = next(line for line in lines if line.get("event") == "socket_closed")
    assert isinstance(closed["duration_ms"], float)
    text = output.read_text()
    assert [value for value in sent if value in text] == []
    assert "eyJ" not in text
