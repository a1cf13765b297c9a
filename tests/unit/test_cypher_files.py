"""Every .cypher file is bound to a constant somewhere, and opens with what it returns."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import bench
import cypher
import demo
import resolvers


def test_every_cypher_file_is_used() -> None:
    for package in (resolvers, cypher, demo, bench):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    importlib.import_module("server.app")
    folders = (cypher.DIRECTORY, *(Path(package.__path__[0]) for package in (demo, bench)))
    on_disk = {path for folder in folders for path in folder.glob("*.cypher")}
    assert on_disk - cypher.BOUND == set()
    assert len(on_disk) > 90  # the walk read the three folders


def test_the_products_folder_holds_the_products_queries_only() -> None:
    """The demo's and the benchmark's queries lie with their code."""
    names = [path.stem for path in cypher.DIRECTORY.glob("*.cypher")]
    assert [name for name in names if name.startswith(("demo_", "bench_"))] == []


def test_migrations_name_every_constraint() -> None:
    from cypher.migrate import EXPECTED_NAMES, MIGRATIONS

    assert len(EXPECTED_NAMES) == len(MIGRATIONS)
    assert all("IF NOT EXISTS" in statement for statement in MIGRATIONS)


def test_every_column_is_named_in_camel_case() -> None:
    """One naming case for what the queries answer: `isSelf`, never `is_self`."""
    snake = {
        path.name: re.findall(r"\bAS ([a-z]+_\w+)", path.read_text())
        for path in sorted(cypher.DIRECTORY.glob("*.cypher"))
    }
    assert {name: columns for name, columns in snake.items() if columns} == {}
