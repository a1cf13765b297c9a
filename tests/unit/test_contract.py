"""The exported schema is current, and it serves the whole contract (zero gaps)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from graphql import build_schema

from scripts.export_schema import EXPORT, exported_text

CONTRACT_CHECK = Path(__file__).resolve().parents[3] / "shared" / "tools" / "contract_check.py"


def load_contract_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("contract_check", CONTRACT_CHECK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_exported_schema_is_current() -> None:
    assert EXPORT.read_text() == exported_text(), "run `make schema` and commit schema.graphql"


# Parts 1 (schema.graphql), 2 (live.graphql: notifications, subscriptions), 3
# (account.graphql: export and deletion), 4 (scale.graphql: search's capped count) and 5
# (explain.graphql: connect or follow, explained, R29).
SERVED_PARTS = 5


def test_the_contract_is_served_all_five_parts() -> None:
    check = load_contract_check()
    contract = build_schema(check.contract_text(SERVED_PARTS))
    assert check.gaps(contract, build_schema(exported_text())) == []
