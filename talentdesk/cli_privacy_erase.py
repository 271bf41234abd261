"""`talentdesk privacy erase ID [ID…] --yes [--keep-mentions]`: erase people for good
(core/privacy/erasure.py). Their mentions in other people's notes, timelines and reminders are
replaced with "[erased]" unless `--keep-mentions` (core/privacy/mentions.py)."""

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
    erase.add_argument(
        "--keep-mentions",
        action="store_true",
        help="leave their name, e-mail and phone in other people's notes and timelines"
        " (by default replaced with [erased])",
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
            f"Erasing {len(people):,} {who} cannot be undone.{_mentioned(ws, args)}",
            "Add --yes to erase them.",
        )
    line = ProgressLine()
    try:
        result = ws.erasure.erase(
            args.ids, progress=line.show, redact_mentions=not args.keep_mentions
        )
    finally:
        line.end()
    print(
        f"{result.summary()} on {result.erased_at:%Y-%m-%d}; "
        f"{result.suppressed:,} suppression entries keep them out of later imports."
    )
    if result.redacted.records:
        print(f"Their mentions were replaced with [erased] in {result.redacted.summary()}.")
    return 0


def _mentioned(ws: Any, args: argparse.Namespace) -> str:
    """What the confirmation says of their mentions in other people's records."""
    from talentdesk.core.privacy.mentions import TOO_MANY  # loads SQLAlchemy: not at start-up

    mentions = ws.erasure.mentions(args.ids)
    if mentions.too_many:
        return f" {TOO_MANY}"
    if not mentions.records:
        return ""
    if args.keep_mentions:
        return f" They are also mentioned in {mentions.summary()}: kept (--keep-mentions)."
    return (
        f" They are also mentioned in {mentions.summary()}: replaced with [erased]"
        " (--keep-mentions keeps them)."
    )


HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {"erase": _erase}
