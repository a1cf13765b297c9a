"""The floor: the resolvers' own Cypher through the Python driver, with no GraphQL and no HTTP.

Reads: each request is first run once through the app in-process on a recording Database, which
keeps every query with its parameters and when it ran; the floor then replays those queries
straight through the driver. Queries the app ran at the same time (sibling fields resolved
concurrently) are replayed at the same time, so the floor is not slowed by running them one
after another.

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

from neo4j import Query, RoutingControl

from cypher.database import Database, Transaction
from resolvers import network as network_resolvers
from resolvers import posts as post_resolvers
from resolvers.context import Context, Info, Services, _viewer_of
from resolvers.loaders import Loaders
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


Wave = list[Step]


def waves(steps: list[Step]) -> list[Wave]:
    """Steps grouped so that each group ran at the same time and groups ran one after another."""
    result: list[Wave] = []
    for step in sorted(steps, key=lambda s: s.started):
        if result and step.started < max(s.ended for s in result[-1]):
            result[-1].append(step)
        else:
            result.append([step])
    return result


async def replay(db: Database, trace: list[Wave]) -> int:
    """Run a recorded request's queries again; the number of rows they answered."""
    rows = 0
    for wave in trace:
        answers = await asyncio.gather(*(_run(db, step) for step in wave))
        rows += sum(answers)
    return rows


async def _run(db: Database, step: Step) -> int:
    records, _, _ = await db.driver.execute_query(
        Query(step.query, timeout=db.timeout),
        parameters_=step.params,
        routing_=step.routing,
        database_=db.name,
    )
    return len(records)


class FloorWrites:
    """The write mutations' resolvers, called without GraphQL."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def _info(self, token: str) -> Info:
        viewer = await _viewer_of(self.services, token)  # the token check every request makes
        now = datetime.now(UTC)
        loaders = Loaders(self.services.db, viewer, self.services.settings, now)
        context = Context(None, None, self.services, viewer, now, loaders)
        return cast(Info, SimpleNamespace(context=context))

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
