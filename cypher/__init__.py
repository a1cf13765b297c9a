"""Named Cypher queries: one `.cypher` file per query, bound to module constants at import.

`QUERY = cypher.query("member_cards")` reads `cypher/member_cards.cypher` when the module that
names it is imported, so a missing or misspelt file fails at start-up, not on the first request.
This folder holds the product's queries only: the demo's and the benchmark's live with their
code and are read the same way from there (`cypher.query("seed_members", HERE)`). Every file
must open with a `//` comment saying what it returns; a test checks that every file is bound
somewhere.

A condition that several queries must decide alike (who may see a notification) lives once, in a
fragment file; a query names it as `{{fragment_name}}` where the condition goes. Queries a
request needs at the same time can run as one statement (`side_by_side`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import LiteralString

DIRECTORY = Path(__file__).resolve().parent
BOUND: set[Path] = set()  # every query file read, wherever it lies


def _read(name: str, directory: Path = DIRECTORY) -> LiteralString:
    path = directory / f"{name}.cypher"
    text: LiteralString = path.read_text(encoding="utf-8")  # mypy reads LiteralString as str
    if not text.lstrip().startswith("//"):
        raise ValueError(f"{path} must open with a // comment that says what it returns")
    BOUND.add(path)
    for fragment in re.findall(r"\{\{(\w+)\}\}", text):
        text = text.replace("{{" + fragment + "}}", _fragment(fragment))
    return text


def _fragment(name: str) -> LiteralString:
    """A fragment's text without its comment lines, in parentheses so it stays one condition."""
    lines = [line for line in _read(name).splitlines() if not line.lstrip().startswith("//")]
    return "(" + "\n".join(lines).strip() + ")"


def query(name: str, directory: Path = DIRECTORY) -> LiteralString:
    """The text of <directory>/<name>.cypher (by default the product's, cypher/)."""
    # The text is code shipped with the project, never a value from a request, so it is as
    # safe as a literal; values always travel as $parameters.
    return _read(name, directory)


def statements(name: str, directory: Path = DIRECTORY) -> list[LiteralString]:
    """The `;`-separated statements of <directory>/<name>.cypher (schema migrations)."""
    lines = [
        line for line in _read(name, directory).splitlines() if not line.lstrip().startswith("//")
    ]
    parts = (part.strip() for part in "\n".join(lines).split(";"))
    return [part for part in parts if part]


def side_by_side(**parts: tuple[LiteralString, tuple[str, ...]]) -> LiteralString:
    """One statement that runs one-row queries, each in a subquery of its own: `name=(query,
    its columns)`. It answers one row with a column per name, a map of that query's columns
    (null when the query found no row). Two queries a request needs at the same time then cost
    one round trip and one transaction instead of two, in the driver and in the server. They
    share their parameters: a name two of them use must mean the same in both."""
    calls = []
    for name, (text, columns) in parts.items():
        fields = ", ".join(f"{column}: {column}" for column in columns)
        body = "\n".join(f"    {line}" for line in text.splitlines())
        calls.append(
            f"OPTIONAL CALL () {{\n  CALL () {{\n{body}\n  }}\n  RETURN {{{fields}}} AS {name}\n}}"
        )
    # Made of the project's own query files and names, never of a request's values.
    statement: LiteralString = "\n".join(calls) + f"\nRETURN {', '.join(parts)}"
    return statement
