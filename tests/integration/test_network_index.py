"""The network index (network-index/, docs/discovery.md): it answers people you may know (R21),
degrees (R10) and paths (R23) exactly as the reference Cypher does, on hundreds of viewers of a
generated network; a change committed through the API shows in the very next request, through
another API process too; and where Neo4j has no index the API says so and answers through the
reference queries."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import localneo4j
from bench.params import DISTANCES, bucket_viewers
from bench.rings import Adjacency
from bench.store import loaded_store
from cypher import Indexed, network_index
from cypher.database import Database, open_driver
from cypher.migrate import apply_migrations
from resolvers.members import PATH_FROM_VIEWER
from resolvers.request.loaders import MEMBER_DEGREES, MEMBER_RELATIONS, limit_params
from resolvers.viewer import PEOPLE_YOU_MAY_KNOW
from tests.integration.test_finding_people import suggestions
from tests.support.app import TEST_SETTINGS, Clock, serve
from tests.support.client import Account, Api
from tests.support.neo4j import Neo4jServer
from tests.support.network import BLOCK, DISMISS, REMOVE, UNBLOCK, codes, connect, invite, mutate

pytestmark = pytest.mark.integration

VIEWERS_PER_BUCKET = 64  # 4 buckets; the top 0.1% of tier S has 10 members: 202 viewers
SUGGESTIONS = 20


async def both(db: Database, query: Indexed[Any], **params: Any) -> tuple[Any, Any]:
    """The reference's rows and the index's, for the same parameters."""
    return await db.read(query.reference, **params), await db.read(query.indexed, **params)


def by_id(answer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """member_degrees and member_relations answer their items in any order."""
    return sorted(answer[0]["rows"], key=lambda item: item["id"]) if answer else []


async def test_the_index_answers_as_the_reference_for_202_viewers_of_tier_s() -> None:
    async with loaded_store("S") as store:
        db, network = store.db, store.network
        assert await network_index.detect(db, wanted=True)
        viewers = bucket_viewers(
            network,
            Adjacency.of(network),
            VIEWERS_PER_BUCKET,
            random.Random(5),  # noqa: S311
        )
        assert len(viewers) == 202
        assert sum(v.bucket == "top0.1" for v in viewers) == 10
        blocked: dict[int, list[int]] = {}
        for blocker, target in network.blocks:
            blocked.setdefault(blocker, []).append(target)
            blocked.setdefault(target, []).append(blocker)
        limits = limit_params(TEST_SETTINGS, datetime.now(UTC))
        differences: list[tuple[str, str, Any, Any]] = []
        seen: set[str] = set()
        for viewer in viewers:
            me = network.ids[viewer.index]
            near = [t for d in DISTANCES for t in viewer.targets[d]] + blocked.get(viewer.index, [])
            ids = [network.ids[t] for t in near] + [me]
            found = await both(db, PEOPLE_YOU_MAY_KNOW, viewer=me, limit=SUGGESTIONS)
            checks = [("suggestions", *found)]
            reference, indexed = await both(db, MEMBER_DEGREES, viewer=me, ids=ids, handle=None)
            checks.append(("degrees", by_id(reference), by_id(indexed)))
            reference, indexed = await both(
                db, MEMBER_RELATIONS, viewer=me, ids=ids, handle=None, **limits
            )
            checks.append(("relations", by_id(reference), by_id(indexed)))
            for member in ids[:-1] + [row["id"] for row in found[0][:3]]:
                checks.append(("path", *await both(db, PATH_FROM_VIEWER, viewer=me, member=member)))
            for name, reference, indexed in checks:
                seen.update(kinds(name, reference))
                if reference != indexed:
                    differences.append((name, me, reference, indexed))
        assert differences == []
        # The answers compared cover every case: each degree, paths of 2 and 3, suggestions.
        assert seen >= {"FIRST", "SECOND", "THIRD", "OUT_OF_NETWORK", "SELF"}
        assert seen >= {"path of 3", "path of 4", "no path", "suggested"}


def kinds(name: str, answer: Any) -> set[str]:
    """What an answer shows: the degrees it names, the length of a path, a suggestion."""
    if name in ("degrees", "relations"):
        return {item["degree"] for item in answer}
    if name == "path":
        return {f"path of {len(answer[0]['path'])}" if answer else "no path"}
    return {"suggested"} if answer else set()


@pytest.fixture
async def second_process(neo4j_server: Neo4jServer, db: Database) -> AsyncIterator[Database]:
    """The same Neo4j through a driver of its own, as another API process has it."""
    driver = open_driver(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    yield Database(driver, db.name, db.timeout, check_rows=True)
    await driver.close()


PROFILE = """
query ($handle: String!) {
  member(handle: $handle) { handle degree pathFromViewer { handle } }
}
"""
SEARCH = "query ($q: String!) { searchMembers(query: $q) { edges { node { handle degree } } } }"


async def seen_by(reader: Api, viewer: Account, other: Account) -> tuple[Any, ...]:
    """What `viewer` sees of `other` through another process: the suggestions' handles, the
    profile's degree and path, and the degree search shows."""
    suggested = [item["member"]["handle"] for item in await suggestions(reader, viewer)]
    profile = (await reader.data(PROFILE, {"handle": other.handle}, viewer.token))["member"]
    found = await reader.data(SEARCH, {"q": other.handle}, viewer.token)
    searched = [e["node"]["degree"] for e in found["searchMembers"]["edges"]]
    if profile is None:
        return suggested, None, None, searched
    path = [m and m["handle"] for m in profile["pathFromViewer"] or []]
    return suggested, profile["degree"], path, searched


async def test_every_change_shows_in_the_very_next_request_of_another_process(
    db: Database, second_process: Database, clock: Clock
) -> None:
    async with (
        serve(db, TEST_SETTINGS, clock) as writer,
        serve(second_process, TEST_SETTINGS, clock) as reader,
    ):
        assert second_process.network_index  # the reader reads from the index
        ann, bea, cal, dan = [await writer.sign_up(f"fresh-{name}") for name in "abcd"]
        await connect(writer, ann, bea)
        await connect(writer, bea, cal)
        await connect(writer, bea, dan)
        path = ["fresh-a", "fresh-b", "fresh-c"]
        # Cal two connections away, through Bea; suggested after Dan, who joined after Cal
        # (the newer member first among equal counts, R21).
        unconnected = (["fresh-d", "fresh-c"], "SECOND", path, ["SECOND"])
        assert await seen_by(reader, ann, cal) == unconnected

        await connect(writer, ann, cal)
        assert await seen_by(reader, ann, cal) == (["fresh-d"], "FIRST", [], ["FIRST"])

        assert codes(await mutate(writer, REMOVE, ann, id=cal.id)) == []
        assert await seen_by(reader, ann, cal) == unconnected

        assert codes(await mutate(writer, BLOCK, cal, id=ann.id)) == []
        assert await seen_by(reader, ann, cal) == (["fresh-d"], None, None, [])

        assert codes(await mutate(writer, UNBLOCK, cal, id=ann.id)) == []
        assert await seen_by(reader, ann, cal) == unconnected

        assert codes(await mutate(writer, DISMISS, ann, id=cal.id)) == []
        assert codes(await invite(writer, dan, ann)) == []
        assert await seen_by(reader, ann, cal) == ([], "SECOND", path, ["SECOND"])

        # A block of the middle member cuts the path through it (R10, R18).
        assert codes(await mutate(writer, BLOCK, ann, id=bea.id)) == []
        assert await seen_by(reader, ann, cal) == ([], "OUT_OF_NETWORK", [], ["OUT_OF_NETWORK"])


@contextlib.asynccontextmanager
async def neo4j_without_the_index(data: Path) -> AsyncIterator[Database]:
    """A Neo4j of its own without the plugin, as Aura runs one."""
    server = localneo4j.start(data, plugins=False)
    driver = open_driver(server.uri, "", "")
    try:
        db = Database(driver, "neo4j", check_rows=True)
        await apply_migrations(db)
        yield db
    finally:
        await driver.close()
        server.stop()


async def test_without_the_index_the_api_says_so_once_and_answers_by_the_reference(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with neo4j_without_the_index(tmp_path / "neo4j") as db:
        caplog.set_level(logging.INFO, logger="vernetzt.network_index")
        async with serve(db, TEST_SETTINGS) as api:
            said = [r.getMessage() for r in caplog.records if r.name == "vernetzt.network_index"]
            assert len(said) == 1
            assert "not installed" in said[0]
            assert db.network_index is False
            ann, bea, cal = [await api.sign_up(f"plain-{name}") for name in "abc"]
            await connect(api, ann, bea)
            await connect(api, bea, cal)
            assert await seen_by(api, ann, cal) == (
                ["plain-c"],
                "SECOND",
                ["plain-a", "plain-b", "plain-c"],
                ["SECOND"],
            )


async def test_the_index_can_be_turned_off(db: Database) -> None:
    async with serve(db, dataclasses.replace(TEST_SETTINGS, network_index=False)):
        assert db.network_index is False
    async with serve(db, TEST_SETTINGS):
        assert db.network_index is True
