"""Several queries as one statement, each run only when the ones before it allow: how a write
becomes one round trip (resolvers.request.writes.decided_write).

`in_order(state=Step(PAIR_STATE), take=Step(RATE_CELL_TAKE, when=UNCHANGED), ...)` makes one
statement that runs the queries in the order given, each in a subquery of its own whose row is
bound to its name as a map (null when it did not run or found no row), and answers one row of
those maps. A step's `when` is a Cypher condition on the maps of the steps before it
(`follow.created`). Each query keeps its own parameters: `$viewer` of the step `state` travels as
`$state_viewer` (`InOrder.params` names them so), so two steps never mix up an `$id`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from cypher import Query, prefixed

# A step's condition that the state read again under the write's locks (the step named
# `state`) is the state the write was decided on (`$decidedOn`): equal column by column, a
# null equal only to a null. The state then decides as it did, so the decision stands.
UNCHANGED: LiteralString = (
    "state IS NOT NULL AND all(column IN keys($decidedOn)"
    " WHERE coalesce(state[column], '~') = coalesce($decidedOn[column], '~'))"
)


@dataclass(frozen=True)
class Step:
    """One query of a statement made `in_order`, run when `when` holds (always, if None)."""

    query: Query[Any]
    when: LiteralString | None = None


@dataclass(frozen=True)
class InOrder:
    """The statement, and the names of its steps."""

    query: Query[dict[str, Any]]
    steps: tuple[str, ...]

    def params(self, **by_step: Mapping[str, Any]) -> dict[str, Any]:
        """Each step's parameters under its own names (`state={"viewer": v}` travels as
        `state_viewer`); a step that takes none may be left out."""
        unknown = set(by_step) - set(self.steps)
        if unknown:
            raise ValueError(f"{self.query.name} has no step {sorted(unknown)}")
        named = {step: params.items() for step, params in by_step.items()}
        return {f"{step}_{name}": value for step, items in named.items() for name, value in items}


def in_order(**steps: Step) -> InOrder:
    """One statement that runs `steps` in order (see the module's docstring)."""
    calls: list[str] = []
    for index, (name, step) in enumerate(steps.items()):
        earlier = ", ".join(list(steps)[:index])
        if step.when and not earlier:
            raise ValueError(f"the first step, {name}, has nothing before it to depend on")
        body = prefixed(step.query.text, name)
        fields = ", ".join(f"{column}: {column}" for column in step.query.columns)
        answer = f"RETURN {{{fields}}} AS {name}" if fields else f"RETURN true AS {name}"
        guard = f"  WITH {earlier} WHERE {step.when}\n" if step.when else ""
        indented = "\n".join(f"    {line}" for line in body.splitlines())
        calls.append(
            f"OPTIONAL CALL ({earlier if step.when else ''}) {{\n{guard}"
            f"  CALL () {{\n{indented}\n  }}\n  {answer}\n}}"
        )
    # Made of the project's own query files and conditions, never of a request's values.
    statement: LiteralString = "\n".join(calls) + f"\nRETURN {', '.join(steps)}"
    name = "+".join(step.query.name for step in steps.values())
    return InOrder(Query(name, statement, dict), tuple(steps))
