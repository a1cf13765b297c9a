"""Each query's rows have one declared shape (cypher/rows/): its keys are the query's columns,
checked here against every product query's RETURN, and, under test, against every row as it
arrives (cypher.rows.check), nested maps included."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, TypedDict

import pytest
from neo4j.graph import Graph, Node

import cypher
import resolvers
import schema
import server
from cypher.rows import Counted, Listed, NoColumns, RowMismatch, check, fields, is_shape
from tests.support.returns import returned_columns


def bound_product_queries() -> dict[str, set[Any]]:
    """Every product query file by name, with the shapes the service binds it to."""
    for package in (cypher, resolvers, schema, server):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    return {
        path.stem: shapes
        for path, shapes in cypher.SHAPES.items()
        if path.parent == cypher.DIRECTORY
    }


def test_every_product_query_declares_the_shape_of_its_rows_with_its_columns() -> None:
    bound = bound_product_queries()
    assert len(bound) > 80  # the walk found the service's queries
    wrong = {}
    for name, shapes in sorted(bound.items()):
        columns = returned_columns((cypher.DIRECTORY / f"{name}.cypher").read_text())
        for shape in shapes:
            declared = list(fields(shape)) if is_shape(shape) else None
            if not is_shape(shape) or sorted(declared or []) != sorted(columns or []):
                wrong[name] = (columns, declared)
    assert wrong == {}


def test_the_column_reader_finds_the_final_return_and_its_names() -> None:
    text = """
    // RETURN in a comment is not one
    MATCH (m:Member {id: $id})
    CALL (m) { MATCH (m)-[:CONNECTED]-(x) RETURN count(x) AS inner }
    WITH m, 'RETURN a, b' AS decoy
    RETURN m.id AS id, {name: m.name, RETURN: 1} AS card, count(*), [x IN [1, 2] | x] AS xs
    ORDER BY id LIMIT 1
    """
    assert returned_columns(text) == ["id", "card", "count(*)", "xs"]
    assert returned_columns("MATCH (n) DETACH DELETE n") is None
    union = "MATCH (a) RETURN a.id AS id UNION MATCH (b) RETURN b.id AS id"
    assert returned_columns(union) == ["id"]


class Inner(TypedDict):
    id: str


class Outer(TypedDict):
    rows: list[Inner]
    one: Inner | None


def test_a_row_is_checked_at_every_depth_its_shape_declares() -> None:
    check({"rows": [{"id": "a"}], "one": None}, Outer, "q")
    check({"items": [{"id": "a", "cursor": [1]}], "total": 1}, Counted[Listed], "q")
    check({}, NoColumns, "q")
    with pytest.raises(RowMismatch, match=r"q\.rows\[1\]: columns \['id', 'nmae'\]"):
        check({"rows": [{"id": "a"}, {"id": "b", "nmae": "c"}], "one": None}, Outer, "q")
    with pytest.raises(RowMismatch, match=r"q\.one: columns \[\]"):
        check({"rows": [], "one": {}}, Outer, "q")
    with pytest.raises(RowMismatch, match=r"q\.items\[0\]"):
        check({"items": [{"id": "a"}], "total": 1}, Counted[Listed], "q")
    with pytest.raises(RowMismatch, match="shape says"):
        check({"rows": []}, Outer, "q")


def test_a_node_where_a_map_is_declared_is_refused() -> None:
    """Rows are read as they came (cypher.database.columns_of), without the driver's walk that
    turns nodes into dicts: a query that returns a node fails here, not in a client."""
    node = Node(Graph(), "4:x:1", 1, ["Member"], {"id": "a"})
    with pytest.raises(RowMismatch, match=r"q\.rows\[0\]: a Node"):
        check({"rows": [node], "one": None}, Outer, "q")
    with pytest.raises(RowMismatch, match=r"q\.any: a Node"):
        check(node, Any, "q.any")  # a column declared as anything
