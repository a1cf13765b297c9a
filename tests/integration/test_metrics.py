"""GET /metrics (server/metrics.py): only for the operator's token, and counting what clients
see: each request by operation and outcome (ok, a UserError's code, a top-level code), its
latency, and each named query's time."""

from __future__ import annotations

import asyncio
import dataclasses
import re

from prometheus_client.parser import text_string_to_metric_families

from cypher.database import Database, Transaction
from tests.support.app import TEST_SETTINGS, serve
from tests.support.client import Api
from tests.support.network import FOLLOW, mutate

TOKEN = "metrics-token-for-the-test-long-enough"
SETTINGS = dataclasses.replace(TEST_SETTINGS, metrics_token=TOKEN)
PROFILE = "query MetricsProfile($handle: String!) { member(handle: $handle) { name } }"


Scrape = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def samples(api: Api) -> Scrape:
    """Every sample of the scrape, by name and labels."""
    answer = await api.client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def requests(
    scrape: dict[tuple[str, tuple[tuple[str, str], ...]], float], op: str
) -> dict[str, float]:
    return {
        dict(labels)["outcome"]: value
        for (name, labels), value in scrape.items()
        if name == "vernetzt_requests_total" and dict(labels).get("operation") == op
    }


async def test_the_metrics_count_each_operation_by_outcome_for_the_token_only(db: Database) -> None:
    async with serve(db, SETTINGS) as api:
        for refused in ({}, {"Authorization": "Bearer wrong"}):
            answer = await api.client.get("/metrics", headers=refused)
            assert answer.status_code == 401
            assert "vernetzt_" not in answer.text
        before = await samples(api)
        ana = await api.sign_up("ana")
        await api.sign_up("bob")
        for _ in range(3):
            await api.data(PROFILE, {"handle": "bob"}, ana.token)
        assert (await mutate(api, FOLLOW, ana, id=ana.id))["errors"][0]["code"] == "SELF_ACTION"
        await api.client.post(
            "/graphql",
            json={"query": PROFILE, "variables": {"handle": "x"}},
            headers={"Authorization": "Bearer not-a-token"},
        )
        after = await samples(api)

    def grew(op: str) -> dict[str, float]:
        old = requests(before, op)
        return {k: v - old.get(k, 0) for k, v in requests(after, op).items() if v != old.get(k, 0)}

    assert grew("MetricsProfile") == {"ok": 3}
    # A token refused before the body is read: the operation is not known yet.
    assert grew("unknown") == {"UNAUTHENTICATED": 1}
    assert grew("anonymous") == {"SELF_ACTION": 1}  # FOLLOW has no name: `mutation ($id: ID!)`
    count = ("vernetzt_request_duration_seconds_count", (("operation", "MetricsProfile"),))
    assert after[count] - before.get(count, 0) == 3
    queries = {
        dict(labels)["query"]
        for (name, labels), _ in after.items()
        if name == "vernetzt_db_query_duration_seconds_count"
    }
    assert {"member_cards", "sign_up"} <= queries
    # The refused follow read the pair's state beside the session check, as one statement.
    assert "pair_state[unlocked]+viewer_session" in queries
    assert not any(re.search(r"\$|MATCH", query) for query in queries)  # names, not texts
    assert any(name == "vernetzt_build_info" for name, _ in after)


async def test_without_a_token_there_is_no_metrics_endpoint(api: Api) -> None:
    answer = await api.client.get("/metrics", headers={"Authorization": "Bearer anything"})
    assert answer.status_code == 404


async def test_a_request_refused_by_a_rate_limit_counts_under_that_limit(db: Database) -> None:
    one_write = dataclasses.replace(SETTINGS, writes_per_member=1)
    async with serve(db, one_write) as api:
        ana, bob = await api.sign_up("ana"), await api.sign_up("bob")
        before = (await samples(api)).get(WRITES_LIMITED, 0)
        assert (await mutate(api, FOLLOW, ana, id=bob.id))["errors"] == []
        refused = await api.post(FOLLOW, {"id": bob.id}, ana.token)
        assert refused.status_code == 429
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        after = (await samples(api)).get(WRITES_LIMITED, 0)
    assert after - before == 1


WRITES_LIMITED = ("vernetzt_rate_limited_total", (("limit", "writes"),))


async def test_a_running_transaction_holds_a_pooled_connection_in_the_metrics(
    db: Database,
) -> None:
    async with serve(db, SETTINGS) as api:
        holding, release = asyncio.Event(), asyncio.Event()

        async def hold(tx: Transaction) -> None:
            await tx.all("RETURN 1 AS one")
            holding.set()
            await release.wait()

        held = asyncio.create_task(db.transaction(hold))
        await holding.wait()
        during = await samples(api)
        release.set()
        await held
    assert during[IN_USE] >= 1
    assert during[BREAKER_OPEN] == 0  # the database answers


IN_USE = ("vernetzt_db_sessions_in_use", ())
BREAKER_OPEN = ("vernetzt_db_breaker_open", ())


async def test_with_addresses_listed_the_metrics_answer_only_those_even_with_the_token(
    db: Database,
) -> None:
    """The in-process client comes from 127.0.0.1 (httpx's ASGI transport)."""
    elsewhere = dataclasses.replace(SETTINGS, metrics_addresses=("10.0.0.0/8",))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    async with serve(db, elsewhere) as api:
        refused = await api.client.get("/metrics", headers=auth)
        spoofed = await api.client.get("/metrics", headers={**auth, "X-Forwarded-For": "10.1.2.3"})
    assert (refused.status_code, spoofed.status_code) == (403, 403)
    assert "vernetzt_" not in refused.text
    here = dataclasses.replace(SETTINGS, metrics_addresses=("127.0.0.0/8", "::1"))
    async with serve(db, here) as api:
        assert (await api.client.get("/metrics", headers=auth)).status_code == 200
        assert (await api.client.get("/metrics")).status_code == 401  # still the token
