"""The columns a Cypher query answers, read from its text: the names of its last RETURN that is
not inside a subquery, a map or a list. Enough for this project's queries, which name every
column (`AS name`) or return a variable by its name."""

from __future__ import annotations

import re

OPENING, CLOSING = "{([", "})]"
COMMENT = re.compile(r"//[^\n]*")
STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
TOKEN = re.compile(r"[{}()\[\]]|\bRETURN\b", re.IGNORECASE)
END_OF_ITEMS = re.compile(r"\s(ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.IGNORECASE)
ALIAS = re.compile(r"\bAS\s+`?(\w+)`?\s*$", re.IGNORECASE)


def returned_columns(text: str) -> list[str] | None:
    """The columns of the query's final RETURN, in order; None when it returns nothing."""
    text = STRING.sub("''", COMMENT.sub("", text))
    start = _last_top_level_return(text)
    return None if start is None else [_name(item) for item in _items(text[start:])]


def _last_top_level_return(text: str) -> int | None:
    depth, start = 0, None
    for token in TOKEN.finditer(text):
        mark = token.group(0)
        if mark in OPENING:
            depth += 1
        elif mark in CLOSING:
            depth -= 1
        elif depth == 0:
            start = token.end()
    return start


def _items(clause: str) -> list[str]:
    """The comma-separated items of a RETURN clause, up to its ORDER BY, SKIP, LIMIT or UNION."""
    items, current, depth = [], "", 0
    for index, char in enumerate(clause):
        depth += (char in OPENING) - (char in CLOSING)
        if depth == 0 and END_OF_ITEMS.match(clause, index):
            break
        if depth == 0 and char == ",":
            items.append(current)
            current = ""
        else:
            current += char
    return [*items, current]


def _name(item: str) -> str:
    item = re.sub(r"^\s*DISTINCT\s+", "", item, flags=re.IGNORECASE).strip()
    alias = ALIAS.search(item)
    return alias.group(1) if alias else item
