"""The web client's operations (web/operations.json): the list is what the client holds now,
each operation is valid against the served schema, and each hashes to its key; the server
knows them from the start and, in trusted mode, runs those alone (server/persisted.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from graphql import parse, validate
from strawberry.http import GraphQLRequestData

from schema.root import schema
from server.persisted import PersistedQueries, PersistedQueryRefused, read_operations, sha256

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = ROOT / "web" / "operations.json"
OPERATIONS_SCRIPT = ROOT / "web" / "operations.mjs"


def test_the_list_is_what_the_web_client_holds_now() -> None:
    done = subprocess.run(
        [
            "node",
            "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
            str(OPERATIONS_SCRIPT),
            "--check",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_every_operation_of_the_web_client_is_valid_against_the_served_schema() -> None:
    operations = read_operations(OPERATIONS)
    assert len(operations) > 50  # the client's operations, not a stub
    invalid = {
        text.split("{")[0].strip(): [error.message for error in errors]
        for text in operations.values()
        if (errors := validate(schema._schema, parse(text)))
    }
    assert invalid == {}


def test_a_list_whose_key_is_not_its_texts_hash_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "operations.json"
    wrong.write_text('{"' + "0" * 64 + '": "query A { viewer { email } }"}')
    with pytest.raises(ValueError, match="do not hash to their key"):
        read_operations(wrong)


KNOWN = "query Known { viewer { email } }"
OTHER = "query Other { viewer { email } }"


def request(query: str | None, digest: str | None = None) -> GraphQLRequestData:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}} if digest else None
    return GraphQLRequestData(query, None, None, extensions)


def refused_code(persisted: PersistedQueries, data: GraphQLRequestData) -> str | None:
    try:
        persisted.resolve(data)
    except PersistedQueryRefused as refused:
        return refused.code
    return None


def test_known_operations_run_by_hash_from_the_start_and_others_once_sent() -> None:
    persisted = PersistedQueries({sha256(KNOWN): KNOWN})
    assert persisted.resolve(request(None, sha256(KNOWN))).query == KNOWN
    assert refused_code(persisted, request(None, sha256(OTHER))) == "PERSISTED_QUERY_NOT_FOUND"
    assert persisted.resolve(request(OTHER, sha256(OTHER))).query == OTHER
    assert persisted.resolve(request(None, sha256(OTHER))).query == OTHER
    assert persisted.trusted(OTHER)


def test_in_trusted_mode_only_the_known_operations_run() -> None:
    persisted = PersistedQueries({sha256(KNOWN): KNOWN}, trusted_only=True)
    assert persisted.resolve(request(None, sha256(KNOWN))).query == KNOWN
    assert persisted.resolve(request(KNOWN)).query == KNOWN
    assert refused_code(persisted, request(OTHER)) == "OPERATION_NOT_TRUSTED"
    assert refused_code(persisted, request(OTHER, sha256(OTHER))) == "OPERATION_NOT_TRUSTED"
    assert refused_code(persisted, request(None, sha256(OTHER))) == "OPERATION_NOT_TRUSTED"
    assert not persisted.trusted(OTHER)


def test_remembered_texts_stay_within_their_bound() -> None:
    persisted = PersistedQueries(max_characters=len(KNOWN) * 2)
    texts = [f"query Q{n} {{ viewer {{ email }} }}" for n in range(5)]
    for text in texts:
        persisted.resolve(request(text, sha256(text)))
    found = [refused_code(persisted, request(None, sha256(text))) is None for text in texts]
    assert found == [False, False, False, True, True]
