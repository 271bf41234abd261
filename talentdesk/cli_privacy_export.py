"""`talentdesk privacy export ID -o FILE.zip`: everything held about one person (GDPR Art. 15
and 20) as a zip with data.json and report.html; the export is noted in the audit log."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talentdesk.core.errors import TalentDeskError

if TYPE_CHECKING:
    from talentdesk.core.workspace import Workspace


def add_parsers(sub: Any) -> None:
    export = sub.add_parser(
        "export", help="write everything held about one person to a zip (JSON and HTML)"
    )
    export.add_argument("candidate_id", type=int, metavar="ID", help="the candidate's id")
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.zip", help="the zip to write"
    )
    export.add_argument("--json", action="store_true", help="print the result as JSON")


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    dest: Path = args.output
    if dest.is_dir():
        raise TalentDeskError(f"{dest} is a folder.", "Give the zip file's name: -o FILE.zip")
    result = ws.subject_access.export(args.candidate_id, dest)
    if args.json:
        payload = {"path": str(result.path), "candidate_id": result.candidate_id}
        payload |= {"tables": result.tables, "rows": result.rows}
        print(json.dumps(payload, indent=2))
    else:
        print(
            f"Wrote {result.path}: {result.rows} rows from {result.tables} tables"
            f" about #{result.candidate_id} {result.name}."
        )
    return 0


HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {"export": _export}
