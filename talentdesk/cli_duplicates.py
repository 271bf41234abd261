"""`talentdesk duplicates [--json] [--limit N]`: people entered twice, most likely first, each
group with its confidence and each pair's reasons."""

from __future__ import annotations

import argparse
import json
from typing import Any

from talentdesk.core.duplicates.records import (
    DuplicateGroup,
    DuplicateReport,
    ReasonKind,
    report_as_json,
)
from talentdesk.progress_line import ProgressLine

DEFAULT_LIMIT = 50


def add_parsers(commands: Any) -> None:
    duplicates = commands.add_parser(
        "duplicates",
        help="find people entered twice (same e-mail, LinkedIn, phone, or a similar name)",
    )
    duplicates.add_argument("--json", action="store_true", help="print JSON")
    duplicates.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_LIMIT,
        help=f"groups to print, most likely first (default {DEFAULT_LIMIT}; 0: all)",
    )


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number, 0 or more") from None
    if value < 0:
        raise argparse.ArgumentTypeError("a whole number, 0 or more")
    return value


def run(ws: Any, args: argparse.Namespace) -> int:
    line = ProgressLine(enabled=not args.json)

    def progress(done: int, total: int) -> None:
        line.show(f"looking for duplicates… {done}/{total}")

    try:
        report = ws.duplicates.find(progress=progress)
    finally:
        line.end()
    limit = args.limit or None
    if args.json:
        print(json.dumps(report_as_json(report, limit), ensure_ascii=False, indent=2))
        return 0
    if not report.groups:
        print(f"No duplicates found among {_candidates(report.candidates)}.")
    for group in report.groups[:limit]:
        _print_group(group)
    _print_summary(report, limit)
    return 0


def _print_group(group: DuplicateGroup) -> None:
    size = len(group.members)
    print(f"{group.confidence.value.upper()} ({group.score}) · {size} people")
    for person in group.members:
        facts = " · ".join(
            part for part in (person.email, person.phone, person.company, person.city) if part
        )
        print(f"  {person.id:>7}  {person.name}" + (f"  ({facts})" if facts else ""))
    for pair in group.pairs:
        reasons = "; ".join(reason.text() for reason in pair.reasons)
        print(f"    {pair.first_id} + {pair.second_id}: {reasons}")
    print()


def _print_summary(report: DuplicateReport, limit: int | None) -> None:
    groups = len(report.groups)
    if groups:
        shown = f" (the first {limit:,} shown)" if limit is not None and limit < groups else ""
        noun = "group" if groups == 1 else "groups"
        print(f"{groups:,} {noun} of possible duplicates among {_candidates(report.candidates)}"
              f"{shown}.")  # fmt: skip
    for kind, value, count in report.too_common:
        print(f"Not compared: {count:,} people share the {_label(kind)} {value}.")


def _label(kind: ReasonKind) -> str:
    labels = {ReasonKind.EMAIL: "e-mail", ReasonKind.LINKEDIN: "LinkedIn URL"}
    return labels.get(kind, kind.value)


def _candidates(count: int) -> str:
    return f"{count:,} candidate{'' if count == 1 else 's'}"
