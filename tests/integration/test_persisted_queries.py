"""Automatic persisted queries (server/persisted.py), over raw HTTP as any client speaks them:
a hash the process does not know answers PersistedQueryNotFound, the text with its hash
registers it, and then the hash alone runs it, by GET as well as by POST."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from cypher.database import Database
from server.app import OPERATIONS as OPERATIONS_FILE
from server.persisted import read_operations
from tests.support.app import TEST_SETTINGS, serve
from tests.support.client import Api

OPERATIONS = read_operations(OPERATIONS_FILE)
VIEWER = "query PersistedViewer { viewer { member { handle } } }"
DIGEST = hashlib.sha256(VIEWER.encode()).hexdigest()
NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"


def persisted(digest: str = DIGEST, version: int = 1) -> dict[str, Any]:
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


async def test_an_unknown_hash_is_not_found_then_registered_then_run_by_hash(api: Api) -> None:
    ana = await api.sign_up("ana")
    headers = {"Authorization": f"Bearer {ana.token}"}
    unknown = await api.client.post("/graphql", json={"extensions": persisted()}, headers=headers)
    assert unknown.status_code == 200
    assert unknown.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    assert unknown.headers["cache-control"] == "private, no-cache, must-revalidate"

    body = {"query": VIEWER, "extensions": persisted()}
    registered = await api.client.post("/graphql", json=body, headers=headers)
    assert registered.json() == {"data": {"viewer": {"member": {"handle": "ana"}}}}

    by_hash = await api.client.post("/graphql", json={"extensions": persisted()}, headers=headers)
    assert by_hash.json() == registered.json()
    params = {"extensions": json.dumps(persisted()), "operationName": "PersistedViewer"}
    by_get = await api.client.get("/graphql", params=params, headers=headers)
    assert (by_get.status_code, by_get.json()) == (200, registered.json())
    # A cache in front may keep an anonymous query's answer, never a member's.
    assert by_get.headers["cache-control"] == "private, no-store"
    assert "Authorization" in by_get.headers["vary"]
    anonymous = await api.client.get("/graphql", params=params)
    assert "cache-control" not in anonymous.headers


async def test_a_hash_that_is_not_the_texts_or_another_version_is_refused(api: Api) -> None:
    other = hashlib.sha256(b"{ __typename }").hexdigest()
    hijack = await api.client.post(
        "/graphql", json={"query": VIEWER, "extensions": persisted(other)}
    )
    assert hijack.status_code == 400
    assert hijack.json()["errors"][0]["message"] == "provided sha does not match query"
    # The refused text was not remembered under the other hash.
    after = await api.client.post("/graphql", json={"extensions": persisted(other)})
    assert after.json()["errors"][0]["extensions"]["code"] == NOT_FOUND
    for extensions in (persisted(version=2), persisted("not-a-hash")):
        refused = await api.client.post("/graphql", json={"extensions": extensions})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_persisted_mutation_does_not_run_by_get(api: Api) -> None:
    """GET is for queries (GraphQL over HTTP): a mutation's hash by GET is refused unrun."""
    ana, bob = await api.sign_up("ana"), await api.sign_up("bob")
    sign_out = "mutation Out { signOut { errors { code } } }"
    digest = hashlib.sha256(sign_out.encode()).hexdigest()
    body = {"query": sign_out, "extensions": persisted(digest)}
    registered = await api.client.post(
        "/graphql", json=body, headers={"Authorization": f"Bearer {bob.token}"}
    )
    assert registered.json() == {"data": {"signOut": {"errors": []}}}
    params = {"extensions": json.dumps(persisted(digest))}
    headers = {"Authorization": f"Bearer {ana.token}"}
    by_get = await api.client.get("/graphql", params=params, headers=headers)
    assert by_get.status_code == 400
    still = await api.client.post("/graphql", json={"query": VIEWER}, headers=headers)
    assert still.json() == {"data": {"viewer": {"member": {"handle": "ana"}}}}


async def test_in_trusted_mode_the_web_clients_operations_run_and_nothing_else(
    db: Database,
) -> None:
    """VERNETZT_TRUSTED_OPERATIONS_ONLY: the release's list (web/operations.json) alone."""
    trusted = dataclasses.replace(TEST_SETTINGS, trusted_operations_only=True)
    search = next(text for text in OPERATIONS.values() if "query Search(" in text)
    async with serve(db, trusted) as api:
        extensions = persisted(hashlib.sha256(search.encode()).hexdigest())
        params = {"extensions": json.dumps(extensions), "variables": json.dumps({"q": "x"})}
        by_hash = await api.client.get("/graphql", params=params)
        assert by_hash.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # it ran
        for body in (
            {"query": VIEWER},
            {"query": VIEWER, "extensions": persisted()},
            {"extensions": persisted()},
        ):
            refused = await api.client.post("/graphql", json=body)
            assert refused.status_code == 400
            assert refused.json()["errors"][0]["extensions"]["code"] == "OPERATION_NOT_TRUSTED"
