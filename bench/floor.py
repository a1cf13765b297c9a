"""The floor: the resolvers' own Cypher through the Python driver, with no GraphQL and no HTTP.

Reads: each request is first run once through the app in-process on a recording Database, which
keeps every query with its parameters and when it ran; the floor then replays those queries
straight through the driver. Queries the app ran at the same time (sibling fields resolved
concurrently, the token check beside the first read) are replayed at the same time, so the floor
is not slowed by running them one after another.

Writes change state, so they cannot be replayed: the floor calls the mutation's resolver
function itself (the decision in Python and its Cypher, resolvers/) with a context built by
hand, after the same token check the API makes. The resolver answers an id; reading the payload
back is GraphQL's part, which the floor leaves out.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, LiteralString, TypeVar

from neo4j import RoutingControl

from cypher.database import Database, Transaction
from resolvers import network, posts
from resolvers.access.session import SessionCheck
from resolvers.access.tokens import read_token
from resolvers.request import ids
from resolvers.request.context import Answer, Context, Services
from resolvers.request.loaders import Loaders

T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    query: LiteralString
    params: dict[str, Any]
    routing: RoutingControl
    started: float
    ended: float


class RecordingDatabase(Database):
    """A Database that also keeps what it ran, for one request at a time."""

    steps: list[Step] = []  # noqa: RUF012 (replaced per request by start())

    def start(self) -> None:
        self.steps = []

    async def _run(
        self, query: LiteralString, params: dict[str, Any], routing: RoutingControl
    ) -> list[dict[str, Any]]:
        started = time.perf_counter()
        rows = await super()._run(query, params, routing)
        self.steps.append(Step(query, params, routing, started, time.perf_counter()))
        return rows

    async def transaction(
        self, work: Callable[[Transaction], Awaitable[T]], time_limit: float | None = None
    ) -> T:
        raise RuntimeError("the floor records reads only; writes call their resolvers")


def trace(steps: list[Step]) -> list[Step]:
    return sorted(steps, key=lambda s: s.started)


async def replay(db: Database, steps: list[Step]) -> int:
    """Run a recorded request's queries again, each as soon as the queries that had ended
    before it started (and so may have given it its parameters) have ended again; the others
    run side by side, as in the app. The number of rows they answered."""
    tasks: list[asyncio.Future[int]] = []
    for step in steps:
        before = [
            tasks[i] for i, other in enumerate(steps[: len(tasks)]) if other.ended <= step.started
        ]
        tasks.append(asyncio.ensure_future(_after(before, db, step)))
    return sum(await asyncio.gather(*tasks))


async def _after(before: list[asyncio.Future[int]], db: Database, step: Step) -> int:
    await asyncio.gather(*before)
    return await _run(db, step)


async def _run(db: Database, step: Step) -> int:
    """One recorded query, the way the app's Database runs it."""
    run = db.read if step.routing is RoutingControl.READ else db.write
    return len(await run(step.query, **step.params))


class FloorWrites:
    """The write mutations' resolvers, called without GraphQL."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def _context(self, token: str) -> Context:
        """As the app's: the session check starts beside the write, which commits after it."""
        claims = read_token(self.services.settings, token)
        session = SessionCheck(self.services.db.read_one, claims)
        session.start()
        db = self.services.db.confirmed_by(session.confirm)
        viewer = claims.member_id
        now = datetime.now(UTC)
        loaders = Loaders(db, viewer, self.services.settings, now, session)
        return Context(None, Answer(), self.services, viewer, now, loaders, db, session)

    async def create_post(self, token: str, text: str) -> None:
        await posts.create_post(await self._context(token), text, None, None, None)

    async def follow(self, token: str, target: str) -> None:
        await network.follow(await self._context(token), ids.encode("Member", target))

    async def unfollow(self, token: str, target: str) -> None:
        await network.unfollow(await self._context(token), ids.encode("Member", target))

    async def invite(self, token: str, target: str) -> None:
        context = await self._context(token)
        await network.send_invitation(context, ids.encode("Member", target), None, None)

    async def accept(self, token: str, invitation: str) -> None:
        context = await self._context(token)
        await network.accept_invitation(context, ids.encode("Invitation", invitation))


def new_text() -> str:
    return f"bench write {uuid.uuid4()}"
