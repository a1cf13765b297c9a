"""Named Cypher queries: one `.cypher` file per query, bound to module constants at import.

`CARDS = cypher.query("member_cards", MemberCards)` reads `cypher/member_cards.cypher` when the
module that names it is imported, so a missing or misspelt file fails at start-up, not on the
first request. `MemberCards` is the shape of its rows (cypher/rows/), declared once: a TypedDict
whose keys are the query's columns, so that mypy sees a misspelt column wherever a row is read;
tests/unit/test_rows.py checks each shape against its file's RETURN, and the suite runs with
every row checked against its shape as it arrives (cypher.rows.check).
This folder holds the product's queries only: the demo's and the benchmark's live with their
code and are read the same way from there (`cypher.query("seed_members", Row, HERE)`, their rows
untyped). Every file must open with a `//` comment saying what it returns; a test checks that
every file is bound somewhere.

A condition that several queries must decide alike (who may see a notification) lives once, in a
fragment file; a query names it as `{{fragment_name}}` where the condition goes. A part of a
query (clauses, not a condition) goes in as `{{part:name}}`; a query bound with
`parts={"name": "other"}` takes another file's part there instead: that is how a discovery query
reads from the network index where Neo4j has it (`Indexed`, docs/discovery.md). Queries a
request needs at the same time can run as one statement (`side_by_side`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, LiteralString, Protocol, TypeVar

from cypher.rows import fields

R = TypeVar("R", bound=Mapping[str, Any])
# A query of rows of a shape is a query of rows of any shape with fewer keys (a page with a
# count is a page): it only gives rows, so it may vary with them.
R_co = TypeVar("R_co", bound=Mapping[str, Any], covariant=True)
DIRECTORY = Path(__file__).resolve().parent
BOUND: set[Path] = set()  # every query file read, wherever it lies
SHAPES: dict[Path, set[Any]] = {}  # every query file bound, and the shapes it was bound to


def _read(
    name: str, directory: Path = DIRECTORY, parts: Mapping[str, str] | None = None
) -> LiteralString:
    path = directory / f"{name}.cypher"
    text: LiteralString = path.read_text(encoding="utf-8")  # mypy reads LiteralString as str
    if not text.lstrip().startswith("//"):
        raise ValueError(f"{path} must open with a // comment that says what it returns")
    BOUND.add(path)
    for fragment in re.findall(r"\{\{(\w+)\}\}", text):
        text = text.replace("{{" + fragment + "}}", "(" + _fragment(fragment) + ")")
    for part in re.findall(r"\{\{part:(\w+)\}\}", text):
        chosen = (parts or {}).get(part, part)
        text = text.replace("{{part:" + part + "}}", _fragment(chosen))
    return text


def _fragment(name: str) -> LiteralString:
    """A fragment's text without its comment lines (a condition goes in parentheses)."""
    lines = [line for line in _read(name).splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(lines).strip()


@dataclass(frozen=True)
class Query(Generic[R_co]):
    """A query's text and the shape of its rows."""

    name: str
    text: LiteralString
    shape: type[R_co]

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of its rows, in the order of the shape."""
        return tuple(fields(self.shape))


def query(
    name: str,
    shape: type[R],
    directory: Path = DIRECTORY,
    parts: Mapping[str, str] | None = None,
) -> Query[R]:
    """<directory>/<name>.cypher (by default the product's, cypher/), whose rows are `shape`;
    with `parts`, each `{{part:key}}` of it filled from the file the key maps to."""
    # The text is code shipped with the project, never a value from a request, so it is as
    # safe as a literal; values always travel as $parameters.
    text = _read(name, directory, parts)
    SHAPES.setdefault(directory / f"{name}.cypher", set()).add(shape)
    variant = "+".join(sorted((parts or {}).values()))
    return Query(f"{name}[{variant}]" if variant else name, text, shape)


class HasNetworkIndex(Protocol):
    network_index: bool  # whether the database serves the network index's procedures


@dataclass(frozen=True)
class Indexed(Generic[R_co]):
    """A discovery query answered two ways, alike (docs/discovery.md): from the network index's
    procedures where the database has them, else by the reference Cypher, which stays the
    specification the index is tested against."""

    reference: Query[R_co]
    indexed: Query[R_co]

    def on(self, db: HasNetworkIndex) -> Query[R_co]:
        return self.indexed if db.network_index else self.reference


def prefixed(text: LiteralString, prefix: str) -> LiteralString:
    """`text` with each `$name` as `$<prefix>_name`, so that two queries' parameters of the same
    name (both have `$ids`) keep their own values in one statement."""
    # The project's own query text with the project's own prefix: as safe as a literal.
    renamed: LiteralString = re.sub(r"\$(\w+)", rf"${prefix}_\1", text)
    return renamed


def statements(name: str, directory: Path = DIRECTORY) -> list[LiteralString]:
    """The `;`-separated statements of <directory>/<name>.cypher (schema migrations)."""
    lines = [
        line for line in _read(name, directory).splitlines() if not line.lstrip().startswith("//")
    ]
    parts = (part.strip() for part in "\n".join(lines).split(";"))
    return [part for part in parts if part]


def side_by_side(**parts: Query[Any]) -> Query[dict[str, Any]]:
    """One statement that runs one-row queries, each in a subquery of its own. It answers one
    row with a column per name, a map of that query's columns (null when the query found no
    row). Two queries a request needs at the same time then cost one round trip and one
    transaction instead of two, in the driver and in the server. They share their parameters:
    a name two of them use must mean the same in both."""
    calls = []
    for name, part in parts.items():
        fields = ", ".join(f"{column}: {column}" for column in part.columns)
        body = "\n".join(f"    {line}" for line in part.text.splitlines())
        calls.append(
            f"OPTIONAL CALL () {{\n  CALL () {{\n{body}\n  }}\n  RETURN {{{fields}}} AS {name}\n}}"
        )
    # Made of the project's own query files and names, never of a request's values.
    statement: LiteralString = "\n".join(calls) + f"\nRETURN {', '.join(parts)}"
    return Query("+".join(sorted(part.name for part in parts.values())), statement, dict)
