"""Imports go one way: server/ -> schema/ -> resolvers/ -> cypher/ (docs/architecture.md), and
settings/ is a leaf that each of them may read.

The edge knows GraphQL; the GraphQL layer knows the work; the work never knows GraphQL types;
the queries know neither. Every import counts, also one inside a function or under
TYPE_CHECKING: a late import hides a cycle, it does not remove it. The service never imports
what stands beside it (the demo, the benchmark, the launcher, the scripts, the tests).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Each layer, from the top down; a module may import its own layer and those below it,
LAYERS = ("server", "schema", "resolvers", "cypher")
# and the leaves, which import no package of the project.
LEAVES = ("settings",)
# What stands beside the service: it may import the service; the service never imports it.
BESIDE = ("bench", "demo", "localneo4j", "scripts", "tests")
# The libraries of the edge and of GraphQL: the work and the queries get plain values instead.
EDGE_LIBRARIES = ("starlette", "strawberry", "graphql", "uvicorn")
BELOW_THE_GRAPHQL_LAYER = ("resolvers", "cypher")


def layer_of(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in LAYERS + LEAVES + BESIDE else None


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
    """The imports of a module of `layer` that climb to a layer above it, or reach what stands
    beside the service; a leaf's, that reach any other package of the project."""
    allowed = (layer,) if layer in LEAVES else LAYERS[LAYERS.index(layer) :] + LEAVES
    return sorted(
        module
        for module in imported_modules(source)
        if (target := layer_of(module)) is not None and target not in allowed
    )


def layer_files() -> dict[Path, str]:
    return {
        path: layer for layer in LAYERS + LEAVES for path in sorted((ROOT / layer).rglob("*.py"))
    }


def test_every_layer_imports_only_itself_and_the_layers_below() -> None:
    climbing = {
        str(path.relative_to(ROOT)): edges
        for path, layer in layer_files().items()
        if (edges := edges_against_the_direction(layer, path.read_text(encoding="utf-8")))
    }
    assert climbing == {}


def edge_imports(source: str) -> list[str]:
    """The modules of the HTTP or GraphQL libraries a source file imports."""
    return sorted(m for m in imported_modules(source) if m.split(".")[0] in EDGE_LIBRARIES)


def test_the_work_and_the_queries_import_no_http_or_graphql_library() -> None:
    reaching = {
        str(path.relative_to(ROOT)): edges
        for path, layer in layer_files().items()
        if layer in BELOW_THE_GRAPHQL_LAYER
        and (edges := edge_imports(path.read_text(encoding="utf-8")))
    }
    assert reaching == {}


def test_an_edge_import_is_found_wherever_it_stands() -> None:
    late = "def f():\n    from strawberry.dataloader import DataLoader\n"
    assert edge_imports(late) == ["strawberry.dataloader"]
    assert edge_imports("import graphql\nimport neo4j\n") == ["graphql"]


def test_an_import_that_climbs_is_found_wherever_it_stands() -> None:
    late = "def f():\n    from schema.members import Member\n    return Member\n"
    typing_only = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import resolvers.request.ids\n"
    )
    assert edges_against_the_direction("resolvers", late) == ["schema.members"]
    assert edges_against_the_direction("cypher", typing_only) == ["resolvers.request.ids"]
    assert edges_against_the_direction("resolvers", "from schema import ids\n") == ["schema"]


def test_downward_and_outside_imports_are_allowed() -> None:
    source = "import cypher\nfrom resolvers import ids\nimport strawberry\nfrom settings import S\n"
    assert edges_against_the_direction("schema", source) == []
    assert edges_against_the_direction("resolvers", "import cypher\nimport neo4j\n") == []


def test_a_leaf_imports_no_package_of_the_project() -> None:
    assert edges_against_the_direction("settings", "import cypher\nimport os\n") == ["cypher"]
    assert edges_against_the_direction("cypher", "from settings import Settings\n") == []
    assert edges_against_the_direction("server", "from demo.data import DEMO\n") == ["demo.data"]


def test_the_walk_sees_every_layer() -> None:
    """Guards the test above against passing because it read nothing."""
    seen = set(layer_files().values())
    assert seen == set(LAYERS + LEAVES)
    assert len(layer_files()) > 30


def test_every_module_has_its_place() -> None:
    """No Python module lies loose at the root, and every package there is a layer, a leaf or
    stands beside the service: a new one must be given its place here."""
    assert sorted(path.name for path in ROOT.glob("*.py")) == []
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages <= set(LAYERS + LEAVES + BESIDE), packages - set(LAYERS + LEAVES + BESIDE)
