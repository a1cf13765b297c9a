"""Writes the served schema, generated from the code, to schema/schema.graphql.

    python -m scripts.export_schema          (make schema)

A test fails when the committed file differs from what the code serves.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXPORT = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"


def exported_text() -> str:
    from schema.root import schema

    return schema.as_str() + "\n"


def main() -> int:
    EXPORT.write_text(exported_text())
    print(f"wrote {EXPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
