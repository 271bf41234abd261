"""Cells that hold a list, as TalentDesk exports them: items joined by "; ", a ";" inside an
item written "\\;" and a backslash "\\\\", so the importer splits where the export joined."""

from __future__ import annotations

import re

# One item: up to a ";" that is not escaped (a trailing lone backslash is kept as it is).
_ITEM = re.compile(r"(?:\\.|[^;\\]|\\$)+", re.DOTALL)
_ESCAPE = re.compile(r"\\([;\\])")


def escaped_sql(expression: str) -> str:
    """SQL giving `expression` escaped as one item of a list cell."""
    return f"replace(replace({expression}, '\\', '\\\\'), ';', '\\;')"


def split_items(text: str) -> list[str]:
    """The items of a list cell, unescaped, stripped, empty ones left out."""
    items = (_ESCAPE.sub(r"\1", item).strip() for item in _ITEM.findall(text))
    return [item for item in items if item]
