"""The one place that runs Cypher: managed transactions, routed READ or WRITE, explicit database.

A managed transaction may be retried by the driver on transient errors, so every write query
must be safe to run twice (MERGE under a uniqueness constraint, or guarded CREATE).
"""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl

Row = dict[str, Any]


class Database:
    def __init__(self, driver: AsyncDriver, name: str) -> None:
        self.driver = driver
        self.name = name

    async def read(self, query: LiteralString, **params: Any) -> list[Row]:
        return await self._run(query, params, RoutingControl.READ)

    async def read_one(self, query: LiteralString, **params: Any) -> Row | None:
        rows = await self.read(query, **params)
        return rows[0] if rows else None

    async def write(self, query: LiteralString, **params: Any) -> list[Row]:
        return await self._run(query, params, RoutingControl.WRITE)

    async def write_one(self, query: LiteralString, **params: Any) -> Row | None:
        rows = await self.write(query, **params)
        return rows[0] if rows else None

    async def _run(
        self, query: LiteralString, params: dict[str, Any], routing: RoutingControl
    ) -> list[Row]:
        records, _, _ = await self.driver.execute_query(
            query, parameters_=params, routing_=routing, database_=self.name
        )
        return [record.data() for record in records]


def open_driver(uri: str, user: str, password: str) -> AsyncDriver:
    """One async driver per process; notifications off (they are for humans at a console)."""
    auth = (user, password) if user else None
    return AsyncGraphDatabase.driver(
        uri,
        auth=auth,
        notifications_min_severity="OFF",
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=10.0,
    )
