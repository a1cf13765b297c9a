"""The rule book is in the repository (docs/rules.md): every rule that code, queries, tests or
docs cite is in it, it holds every rule of the product's specification, and the README and docs
point at no file outside the repository."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULE_BOOK = ROOT / "docs" / "rules.md"
# The specification the rule book follows, beside the repository where the project is built.
SPECIFICATION = ROOT.parent / "shared" / "spec" / "rules.md"
CITING = ("*.py", "*.cypher", "*.md", "*.js", "*.mjs", "*.graphql")
NOT_OURS = {".git", ".venv", "node_modules", "results", "vendor", ".mypy_cache", "data"}
CITATION = re.compile(r"\bR(\d{1,2})\b|\btest_r(\d{1,2})_")


def rules_of(text: str) -> set[int]:
    """The ids of the rules a rule book defines (each opens `- **R<n> Title.**`)."""
    return {int(n) for n in re.findall(r"^- \*\*R(\d+) ", text, re.MULTILINE)}


def cited_in(text: str) -> set[int]:
    """The rule ids a text cites: R13, R4-R9 (both ends), test_r13_..."""
    return {int(a or b) for a, b in CITATION.findall(text)}


def ours(folder: str) -> bool:
    """Not a folder of what others wrote or of what runs make (`.venv-3.13`: make test's
    environment for another Python version), whose files are not read at all."""
    return folder not in NOT_OURS and not folder.startswith(".venv")


def citing_files() -> list[Path]:
    found = []
    for directory, folders, files in os.walk(ROOT):
        folders[:] = [folder for folder in folders if ours(folder)]
        found += [Path(directory, name) for name in files if any(map(Path(name).match, CITING))]
    return sorted(found)


def test_every_cited_rule_is_in_the_rule_book() -> None:
    defined = rules_of(RULE_BOOK.read_text())
    unknown = {
        str(path.relative_to(ROOT)): sorted(cited - defined)
        for path in citing_files()
        if (cited := cited_in(path.read_text(encoding="utf-8", errors="replace"))) - defined
    }
    assert unknown == {}


def test_the_rule_book_holds_every_rule_of_the_specification() -> None:
    if not SPECIFICATION.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the specification is missing: {SPECIFICATION}")
        pytest.skip("the specification is not beside this clone")
    assert rules_of(RULE_BOOK.read_text()) == rules_of(SPECIFICATION.read_text())


def test_the_walks_read_what_they_should() -> None:
    """Guards the tests above against passing because they read nothing."""
    assert rules_of(RULE_BOOK.read_text()) == set(range(1, 30))
    assert cited_in("R4-R9, see R13 and test_r27_sockets; not R2D2 or CR7") == {4, 9, 13, 27}
    assert len(citing_files()) > 200


def test_readme_and_docs_point_inside_the_repository() -> None:
    outside = {
        str(path.relative_to(ROOT)): found
        for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
        if (found := re.findall(r"\]\(\.\./[^)]*\)|`\.\./[^`]*`", path.read_text()))
    }
    assert outside == {}
