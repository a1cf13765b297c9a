"""The floor: the resolvers' own Cypher through the Python driver, with no GraphQL and no HTTP.

Reads: each request is first run once through the app in-process on a recording Database, which
keeps every query with its parameters and when it ran; the floor then replays those queries
straight through the driver. Queries the app ran at the same time (sibling fields resolved
concurrently, the token check beside the first read) are replayed at the same time, so the floor
is not slowed by running them one after another.

Writes change state, so they cannot be replayed: the floor calls the mutation's resolver
function itself (the decision in Python and its Cypher) with a context built by hand, after the
same token check the API makes.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, LiteralString, TypeVar, cast

from neo4j import RoutingControl

from cypher.database import Database, Transaction
from resolvers import network as network_resolvers
from resolvers import posts as post_resolvers
from resolvers.context import Context, Info, Services, check_session
from resolvers.loaders import Loaders
from resolvers.tokens import read_token
from schema import ids
from schema.network import SendInvitationInput
from schema.posts import CreatePostInput

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

    async def transaction(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
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

    async def _info(self, token: str) -> Info:
        claims = read_token(self.services.settings, token)
        await check_session(self.services, claims)  # what every mutation waits for
        viewer = claims.member_id
        now = datetime.now(UTC)
        loaders = Loaders(self.services.db, viewer, self.services.settings, now)
        context = Context(None, None, self.services, viewer, now, loaders)
        # No GraphQL selection: the resolvers' look-ahead finds nothing to load ahead.
        return cast(Info, SimpleNamespace(context=context, selected_fields=[]))

    async def create_post(self, token: str, text: str) -> None:
        info = await self._info(token)
        payload = await post_resolvers.create_post(info, CreatePostInput(text=text))
        _check(payload.errors)

    async def follow(self, token: str, target: str) -> None:
        payload = await network_resolvers.follow(
            await self._info(token), ids.encode("Member", target)
        )
        _check(payload.errors)

    async def unfollow(self, token: str, target: str) -> None:
        info = await self._info(token)
        payload = await network_resolvers.unfollow(info, ids.encode("Member", target))
        _check(payload.errors)

    async def invite(self, token: str, target: str) -> None:
        data = SendInvitationInput(member_id=ids.encode("Member", target))
        payload = await network_resolvers.send_invitation(await self._info(token), data)
        _check(payload.errors)

    async def accept(self, token: str, invitation: str) -> None:
        info = await self._info(token)
        payload = await network_resolvers.accept_invitation(
            info, ids.encode("Invitation", invitation)
        )
        _check(payload.errors)


def _check(errors: list[Any]) -> None:
    if errors:
        raise RuntimeError(f"the floor's write was refused: {errors}")


def new_text() -> str:
    return f"bench write {uuid.uuid4()}"
