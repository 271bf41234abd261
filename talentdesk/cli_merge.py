"""`talentdesk merge KEEP OTHER`: one person entered twice becomes one, from the command line.

Each field keeps the newest non-empty value (as the window's merge dialog suggests); what the
other person had moves to the kept one. Asks first unless --yes (a script must pass it)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from talentdesk.core.errors import TalentDeskError

if TYPE_CHECKING:
    from talentdesk.core.duplicates.merge_records import MergePreview
    from talentdesk.core.workspace import Workspace


def add_parser(commands: Any) -> None:
    merge = commands.add_parser(
        "merge", help="merge two records of one person (KEEP stays, OTHER is merged into it)"
    )
    merge.add_argument("keep", type=int, metavar="KEEP", help="the id of the record to keep")
    merge.add_argument("other", type=int, metavar="OTHER", help="the id merged into KEEP")
    merge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    merge.add_argument("--json", action="store_true", help="print the result as JSON")


def run(ws: Workspace, args: argparse.Namespace) -> int:
    preview = ws.merging.preview(args.keep, args.other)
    if not args.yes:
        if not sys.stdin.isatty():
            raise TalentDeskError(
                f"merging {preview.other_name} into {preview.keep_name} needs a confirmation.",
                "Add --yes to merge without being asked.",
            )
        _print_preview(preview)
        try:
            answer = input("Merge? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was merged.")
            return 1
    result = ws.merging.merge(args.keep, args.other)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(result.summary())
    return 0


def _print_preview(preview: MergePreview) -> None:
    print(
        f"Keep #{preview.keep_id} {preview.keep_name}; "
        f"merge #{preview.other_id} {preview.other_name} into them."
    )
    for field in preview.fields:
        if field.same:
            continue
        mark = ("*", " ") if field.default == "keep" else (" ", "*")
        print(
            f"  {field.label + ':':<18}{mark[0]} {field.keep_text or '—':<30}"
            f"{mark[1]} {field.other_text or '—'}"
        )
    print("  (* the value kept)")
    print(f"Moves: {preview.moving.describe()}.")
