"""Server-Timing: database time counts overlapping queries once, the rest is `app`."""

from __future__ import annotations

import asyncio
import re

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from cypher.timing import database_time
from server.timing import ServerTiming


async def query(seconds: float) -> None:
    with database_time():
        await asyncio.sleep(seconds)


async def endpoint(request: Request) -> Response:
    await asyncio.gather(query(0.05), query(0.05))  # two sibling fields' queries at once
    await query(0.05)
    await asyncio.sleep(0.05)  # work that is not the database
    return PlainTextResponse("ok")


async def test_header_splits_database_from_the_rest() -> None:
    app = Starlette(routes=[Route("/", endpoint)], middleware=[Middleware(ServerTiming)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
        response = await client.get("http://test/")
    parts = dict(re.findall(r"(\w+);dur=([\d.]+)", response.headers["server-timing"]))
    db, app_ms, total = float(parts["db"]), float(parts["app"]), float(parts["total"])
    assert 100 <= db < 140  # 2 x 50 ms of wall clock, not 3 x 50 ms of summed queries
    assert 50 <= app_ms < 90
    assert abs(db + app_ms - total) < 0.05
