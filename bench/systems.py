"""The three systems a request is measured on: the floor, Vernetzt over HTTP, and the peer.

Each answers `read(request)` and `write(unit)` with Outcomes: the client-side latency, the
answer's data (for comparing systems), and the server's own split of its time where it reports
one (a Server-Timing header).
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import aiohttp
import httpx
import orjson

from bench.floor import FloorWrites, Step, new_text, replay
from bench.params import Request, WriteUnit
from cypher.database import Database
from resolvers.request import ids

ROOT = Path(__file__).resolve().parent.parent
OPERATION = re.compile(r"^(?:query|mutation)\s+(\w+)", re.MULTILINE)
TIMING = re.compile(r"(\w+);dur=([\d.]+)")


@dataclass(frozen=True)
class Outcome:
    op: str
    bucket: str
    ms: float
    data: Any = None
    server: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    server_timing: str


# How a GraphQL request is sent: POST of a JSON body to a url, with headers.
Post = Callable[[str, bytes, dict[str, str]], Awaitable[Reply]]


def aiohttp_post(session: aiohttp.ClientSession) -> Post:
    """Over the network: aiohttp spends about 1 ms less of the client's own time on a request
    than httpx, time that would count against the servers at concurrency 1."""

    async def post(url: str, body: bytes, headers: dict[str, str]) -> Reply:
        async with session.post(url, data=body, headers=headers) as response:
            timing = response.headers.get("server-timing", "")
            return Reply(response.status, await response.read(), timing)

    return post


def in_process_post(client: httpx.AsyncClient) -> Post:
    """In-process, to an ASGI app (untimed: the floor's recording)."""

    async def post(url: str, body: bytes, headers: dict[str, str]) -> Reply:
        response = await client.post(url, content=body, headers=headers)
        timing = response.headers.get("server-timing", "")
        return Reply(response.status_code, response.content, timing)

    return post


class System(Protocol):
    name: str

    async def read(self, request: Request) -> Outcome: ...

    async def write(self, unit: WriteUnit) -> list[Outcome]: ...


@dataclass(frozen=True)
class Members:
    """Member ids by index, their bearer tokens, and an untimed look-up of an invitation."""

    ids: list[str]
    token: Callable[[int], str]
    invitation: Callable[[int, int], Awaitable[str]]

    def handle(self, index: int) -> str:
        return f"m{index}"


def documents(directory: Path) -> dict[str, str]:
    """Each operation's name (Profile, Follow, ...) to the text of the file that holds it."""
    found: dict[str, str] = {}
    for path in sorted(directory.glob("*.graphql")):
        text = path.read_text()
        for name in OPERATION.findall(text):
            found[name] = text
    return found


READ_OPERATIONS = {
    "profile": "Profile",
    "connections": "Connections",
    "feed": "Feed",
    "search": "Search",
    "suggestions": "Suggestions",
    "path": "Path",
}


class HttpSystem:
    """A GraphQL server over HTTP: Vernetzt (global ids) or the peer (raw ids)."""

    def __init__(self, name: str, url: str, ops: Path, members: Members, post: Post) -> None:
        self.name = name
        self.url = url
        self.documents = documents(ops)
        self.members = members
        self.post = post
        self.global_ids = name.startswith("vernetzt")  # one process or several

    def _id(self, type_name: str, key: str) -> str:
        return ids.encode(type_name, key) if self.global_ids else key

    async def read(self, request: Request) -> Outcome:
        variables: dict[str, Any] = {}
        if request.target is not None:
            variables["handle"] = self.members.handle(request.target)
        if request.text is not None:
            variables["query"] = request.text
        operation = READ_OPERATIONS[request.op]
        return await self._post(request.op, request.bucket, request.viewer, operation, variables)

    async def write(self, unit: WriteUnit) -> list[Outcome]:
        viewer, bucket = unit.viewer, unit.bucket
        if unit.kind == "post":
            text = {"text": new_text(), "audience": "ANYONE"}
            return [await self._post("writes", bucket, viewer, "CreatePost", text)]
        assert unit.target is not None
        target = {"id": self._id("Member", self.members.ids[unit.target])}
        if unit.kind == "follow":
            return [
                await self._post("writes", bucket, viewer, "Follow", target),
                await self._post("writes", bucket, viewer, "Unfollow", target),
            ]
        invite = await self._post("writes", bucket, viewer, "Invite", {"memberId": target["id"]})
        invitation = self._id("Invitation", await self.members.invitation(viewer, unit.target))
        accepted = await self._post(
            "writes", bucket, unit.target, "Accept", {"invitationId": invitation}
        )
        return [invite, accepted]

    async def _post(
        self, op: str, bucket: str, viewer: int, operation: str, variables: dict[str, Any]
    ) -> Outcome:
        body = {
            "query": self.documents[operation],
            "operationName": operation,
            "variables": variables,
        }
        headers = {
            "authorization": f"Bearer {self.members.token(viewer)}",
            "content-type": "application/json",
        }
        encoded = orjson.dumps(body)
        started = time.perf_counter()
        reply = await self.post(self.url, encoded, headers)
        ms = (time.perf_counter() - started) * 1000
        answer = orjson.loads(reply.body)
        if reply.status != 200 or answer.get("errors"):
            raise RuntimeError(f"{self.name} {operation} {variables}: {reply.body[:500]!r}")
        _refused(self.name, operation, answer["data"])
        server = {k: float(v) for k, v in TIMING.findall(reply.server_timing)}
        return Outcome(op, bucket, ms, answer["data"], server)


def _refused(system: str, operation: str, data: dict[str, Any]) -> None:
    """A refusal means the benchmark asked for something the rules refuse: Vernetzt's payloads
    carry `errors`, the peer's a `code`."""
    for payload in data.values():
        if isinstance(payload, dict) and (payload.get("errors") or payload.get("code")):
            raise RuntimeError(f"{system} refused {operation}: {payload}")


class FloorSystem:
    name = "floor"

    def __init__(
        self, db: Database, traces: dict[Request, list[Step]], writes: FloorWrites, members: Members
    ) -> None:
        self.db = db
        self.traces = traces
        self.writes = writes
        self.members = members

    async def read(self, request: Request) -> Outcome:
        started = time.perf_counter()
        await replay(self.db, self.traces[request])
        return Outcome(request.op, request.bucket, (time.perf_counter() - started) * 1000)

    async def write(self, unit: WriteUnit) -> list[Outcome]:
        token = self.members.token(unit.viewer)
        if unit.kind == "post":
            return [await self._timed(unit, self.writes.create_post(token, new_text()))]
        assert unit.target is not None
        target = self.members.ids[unit.target]
        if unit.kind == "follow":
            return [
                await self._timed(unit, self.writes.follow(token, target)),
                await self._timed(unit, self.writes.unfollow(token, target)),
            ]
        invited = await self._timed(unit, self.writes.invite(token, target))
        invitation = await self.members.invitation(unit.viewer, unit.target)
        accept = self.writes.accept(self.members.token(unit.target), invitation)
        return [invited, await self._timed(unit, accept)]

    async def _timed(self, unit: WriteUnit, work: Awaitable[None]) -> Outcome:
        started = time.perf_counter()
        await work
        return Outcome("writes", unit.bucket, (time.perf_counter() - started) * 1000)
