"""`talentdesk privacy erase ID [ID…] --yes`: erase people for good (core/privacy/erasure.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from talentdesk.core.errors import TalentDeskError
from talentdesk.progress_line import ProgressLine


def add_parsers(sub: Any) -> None:
    erase = sub.add_parser(
        "erase",
        help="erase people permanently (not undoable): only suppression entries remain",
    )
    erase.add_argument("ids", type=int, nargs="+", metavar="ID", help="a candidate's id")
    erase.add_argument(
        "--yes", action="store_true", help="confirm: erasing cannot be undone (required)"
    )


def _erase(ws: Any, args: argparse.Namespace) -> int:
    people = ws.erasure.review(args.ids)
    missing = sorted(set(args.ids) - {p.id for p in people})
    if missing:
        listed = ", ".join(f"#{i}" for i in missing)
        raise TalentDeskError(f"No candidate {listed}.", "Check the ids: nothing was erased.")
    if not args.yes:
        who = "person" if len(people) == 1 else "people"
        raise TalentDeskError(
            f"Erasing {len(people):,} {who} cannot be undone.",
            "Add --yes to erase them.",
        )
    line = ProgressLine()
    try:
        result = ws.erasure.erase(args.ids, progress=line.show)
    finally:
        line.end()
    print(
        f"{result.summary()} on {result.erased_at:%Y-%m-%d}; "
        f"{result.suppressed:,} suppression entries keep them out of later imports."
    )
    return 0


HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {"erase": _erase}
