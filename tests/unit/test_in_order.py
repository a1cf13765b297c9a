"""cypher.in_order: the steps of one statement keep their own parameters, run in order, and each
depends only on the steps before it."""

from __future__ import annotations

from typing import TypedDict

import pytest

from cypher import Query
from cypher.in_order import Step, in_order
from cypher.rows import NoColumns


class Named(TypedDict):
    id: str
    name: str


READ = Query("read", "MATCH (m:Member {id: $id}) RETURN m.id AS id, m.name AS name", Named)
MARK = Query("mark", "MATCH (m:Member {id: $id}) SET m.marked = $at", NoColumns)


def test_each_step_takes_its_parameters_under_its_own_name() -> None:
    statement = in_order(first=Step(READ), then=Step(MARK, when="first.id IS NOT NULL"))

    assert statement.params(first={"id": "a"}, then={"id": "b", "at": 1}) == {
        "first_id": "a",
        "then_id": "b",
        "then_at": 1,
    }
    text = statement.query.text
    assert "{id: $first_id}" in text
    assert "{id: $then_id}" in text
    assert "$then_at" in text
    assert "$id" not in text


def test_a_step_runs_on_the_steps_before_it_and_answers_a_map() -> None:
    text = in_order(first=Step(READ), then=Step(MARK, when="first.id IS NOT NULL")).query.text

    assert "OPTIONAL CALL (first) {\n  WITH first WHERE first.id IS NOT NULL" in text
    assert "RETURN {id: id, name: name} AS first" in text
    assert "RETURN true AS then" in text  # a query without rows answers whether it ran
    assert text.endswith("RETURN first, then")


def test_a_first_step_has_nothing_to_depend_on_and_a_step_name_must_exist() -> None:
    with pytest.raises(ValueError, match="nothing before it"):
        in_order(first=Step(MARK, when="true"))
    with pytest.raises(ValueError, match="no step"):
        in_order(first=Step(READ)).params(second={"id": "a"})
