"""`talentdesk metrics`: the engagement figures of the Metrics view, as text or JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from talentdesk.core.errors import TalentDeskError

DASH = "—"


def add_parser(commands: Any) -> None:
    metrics = commands.add_parser(
        "metrics", help="reply rates, time to respond, closing the loop, pipeline, pool health"
    )
    metrics.add_argument("--from", dest="start", metavar="DATE", help="first day (YYYY-MM-DD)")
    metrics.add_argument("--to", dest="end", metavar="DATE", help="last day (YYYY-MM-DD)")
    metrics.add_argument("--pool", metavar="NAME", help="only members of this pool")
    metrics.add_argument("--vacancy", type=int, metavar="ID", help="only this vacancy's people")
    metrics.add_argument("--template", metavar="NAME", help="only mail from this template")
    metrics.add_argument(
        "--figure", action="append", metavar="KEY", help="only this figure (repeatable)"
    )
    metrics.add_argument("--json", action="store_true", help="print JSON")


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise TalentDeskError(
            f"{option} {text!r} is not a date.", "Write it as YYYY-MM-DD."
        ) from None


def filters_from(ws: Any, args: argparse.Namespace) -> Any:
    from talentdesk.core.metrics import Filters

    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if start is not None and end is not None and start > end:
        raise TalentDeskError("--from is after --to.")
    pool_id = None if args.pool is None else ws.reads.pool_id_by_name(args.pool)
    if args.vacancy is not None:
        found = ws.reader.execute("SELECT 1 FROM vacancy WHERE id = ?", (args.vacancy,))
        if found.fetchone() is None:
            raise TalentDeskError(f"There is no vacancy {args.vacancy}.")
    template = None
    if args.template is not None:
        names = ws.metrics.template_names()
        template = next(
            (n for n in names if n.casefold() == args.template.strip().casefold()), None
        )
        if template is None:
            raise TalentDeskError(
                f"There is no template called {args.template!r}.", "Templates: " + ", ".join(names)
            )
    return Filters(start, end, pool_id, args.vacancy, template)


def run(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.metrics import FIGURES

    filters = filters_from(ws, args)
    keys = [key for key, _ in FIGURES]
    wanted = args.figure or keys
    unknown = [k for k in wanted if k not in keys]
    if unknown:
        raise TalentDeskError(f"There is no figure {unknown[0]!r}.", "Figures: " + ", ".join(keys))
    with ws.metrics.snapshot() as metrics:  # one read: the figures agree and share reads
        figures = [metrics.figure(key, filters) for key in wanted]
    if args.json:
        payload = {"filters": asdict(filters), "figures": [asdict(f) for f in figures]}
        print(json.dumps(payload, default=_json, ensure_ascii=False, indent=1))
        return 0
    for figure in figures:
        print(f"== {figure.title} ==")
        for table in figure.tables:
            print(_table_text(table))
    print("Open rates are not measured: TalentDesk sends no tracking pixels.")
    return 0


def _json(value: object) -> object:
    """The candidates behind a number as a list; dates and the like as text."""
    return list(value) if isinstance(value, Sequence) else str(value)


def _cell(value: Any, unit: str) -> str:
    if value is None:
        return DASH
    if isinstance(value, float):
        return f"{value:,.1f}{' %' if unit == '%' else ''}"
    return f"{value:,}"


def _table_text(table: Any) -> str:
    header = [
        "",
        *(
            c.label + (f" ({c.unit})" if c.unit not in ("", "%", *c.label.split()) else "")
            for c in table.columns
        ),
    ]
    lines = [
        [r.label, *(_cell(r.values.get(c.key), c.unit) for c in table.columns)] for r in table.rows
    ]
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    out = [f"-- {table.title}"]
    for row in [header, *lines]:
        first = row[0].ljust(widths[0])
        rest = "  ".join(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True))
        out.append(f"  {first}  {rest}".rstrip())
    if not table.rows:
        out.append("  (nothing yet)")
    return "\n".join(out) + "\n"
