"""Every .cypher file is bound to a constant somewhere, and opens with what it returns."""

from __future__ import annotations

import importlib
import pkgutil

import bench
import cypher
import demo
import resolvers


def test_every_cypher_file_is_used() -> None:
    for package in (resolvers, cypher, demo, bench):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    importlib.import_module("server.app")
    on_disk = {path.stem for path in cypher.DIRECTORY.glob("*.cypher")}
    assert on_disk - cypher.BOUND == set()


def test_migrations_name_every_constraint() -> None:
    from cypher.migrate import EXPECTED_NAMES, MIGRATIONS

    assert len(EXPECTED_NAMES) == len(MIGRATIONS)
    assert all("IF NOT EXISTS" in statement for statement in MIGRATIONS)
