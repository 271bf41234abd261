"""`talentdesk import history [--json]` and `talentdesk import undo ID [--yes]`: the imports made
and undoing one as a whole (core/imports/service.py). `import` takes a file name; these two
words are read as commands (a file named so is imported as `./history`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from talentdesk.core.errors import TalentDeskError
from talentdesk.progress_line import ProgressLine

COMMANDS = ("history", "undo")


def is_command(args: argparse.Namespace) -> bool:
    return str(args.file) in COMMANDS


def run(ws: Any, args: argparse.Namespace) -> int:
    if str(args.file) == "history":
        if args.more:
            raise TalentDeskError(f"import history takes no {args.more[0]!r}.")
        return _history(ws, args.json)
    if len(args.more) != 1 or not args.more[0].isdigit():
        raise TalentDeskError(
            "import undo needs the import's id.", "See the ids with `talentdesk import history`."
        )
    return _undo(ws, int(args.more[0]), args.yes, args.json)


def _history(ws: Any, as_json: bool) -> int:
    found = ws.imports.history()
    if as_json:
        print(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("No imports yet.")
        return 0
    for s in found:
        state = f"  undone {s.undone_at.astimezone():%Y-%m-%d %H:%M}" if s.undone_at else ""
        pool = f", pool {s.pool_name}" if s.pool_name else ""
        print(
            f"#{s.id}  {s.imported_at.astimezone():%Y-%m-%d %H:%M}  {s.file_name}: created"
            f" {s.created:,}, updated {s.updated:,}, skipped {s.skipped:,}{pool}{state}"
        )
    return 0


def _undo(ws: Any, import_id: int, yes: bool, as_json: bool) -> int:
    imports = ws.imports
    summary = imports.get(import_id)
    refusal = imports.why_not_undone(import_id)
    if refusal is not None:
        raise TalentDeskError(refusal)
    if not yes:
        if not sys.stdin.isatty():
            raise TalentDeskError(
                f"undoing the import of {summary.file_name} needs a confirmation.",
                "Add --yes to undo it without being asked.",
            )
        try:
            answer = input(
                f"Delete the {summary.created:,} people the import of {summary.file_name}"
                " added? [y/N] "
            )
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was undone.")
            return 1
    line = ProgressLine(enabled=not as_json)

    def progress(done: int, total: int) -> None:
        line.show(
            f"Undoing the import of {summary.file_name}: {done:,} of {total:,} people deleted"
        )

    try:
        result = imports.undo(import_id, progress=progress)
    finally:
        line.end()
    if as_json:
        print(json.dumps({"import": result.import_id, "removed": result.removed}))
    else:
        print(f"Undid the import of {result.file_name}: {result.removed:,} people removed.")
    return 0
