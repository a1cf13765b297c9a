"""Imports go one way: schema/ -> resolvers/ -> cypher/ (docs/architecture.md).

The GraphQL layer knows the work; the work never knows GraphQL types; the queries know neither.
Every import counts, also one inside a function or under TYPE_CHECKING: a late import hides a
cycle, it does not remove it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Each layer, from the top down; a module may import its own layer and those below it.
LAYERS = ("schema", "resolvers", "cypher")


def layer_of(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in LAYERS else None


def imported_modules(source: str) -> set[str]:
    """Every module a source file imports, wherever the import stands."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def edges_against_the_direction(layer: str, source: str) -> list[str]:
    """The imports of a module of `layer` that climb to a layer above it."""
    allowed = LAYERS[LAYERS.index(layer) :]
    return sorted(
        module
        for module in imported_modules(source)
        if (target := layer_of(module)) is not None and target not in allowed
    )


def layer_files() -> dict[Path, str]:
    return {path: layer for layer in LAYERS for path in sorted((ROOT / layer).rglob("*.py"))}


def test_every_layer_imports_only_itself_and_the_layers_below() -> None:
    climbing = {
        str(path.relative_to(ROOT)): edges
        for path, layer in layer_files().items()
        if (edges := edges_against_the_direction(layer, path.read_text(encoding="utf-8")))
    }
    assert climbing == {}


def test_an_import_that_climbs_is_found_wherever_it_stands() -> None:
    late = "def f():\n    from schema.members import Member\n    return Member\n"
    typing_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import resolvers.ids\n"
    assert edges_against_the_direction("resolvers", late) == ["schema.members"]
    assert edges_against_the_direction("cypher", typing_only) == ["resolvers.ids"]
    assert edges_against_the_direction("resolvers", "from schema import ids\n") == ["schema"]


def test_downward_and_outside_imports_are_allowed() -> None:
    source = "import cypher\nfrom resolvers import ids\nimport strawberry\nfrom settings import S\n"
    assert edges_against_the_direction("schema", source) == []
    assert edges_against_the_direction("resolvers", "import cypher\nimport neo4j\n") == []


def test_the_walk_sees_every_layer() -> None:
    """Guards the test above against passing because it read nothing."""
    seen = set(layer_files().values())
    assert seen == set(LAYERS)
    assert len(layer_files()) > 30
