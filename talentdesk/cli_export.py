"""`talentdesk export -o FILE`: a pool, a search result or everyone, to CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.exporter import COLUMNS, ExportOptions, export_candidates
from talentdesk.core.files import check_output_path
from talentdesk.progress_line import ProgressLine


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("export", help="export candidates to a CSV file")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the CSV file to write"
    )
    parser.add_argument("--pool", metavar="NAME", help="only this pool's members")
    parser.add_argument("--search", metavar="QUERY", default="", help="only those matching")
    parser.add_argument(
        "--columns", metavar="A,B,C", help=f"columns in order (default all: {','.join(COLUMNS)})"
    )
    parser.add_argument("--excel", action="store_true", help="UTF-8 with BOM, for Excel")
    parser.add_argument(
        "--decimal-comma", action="store_true", help="with --excel: ';' between fields"
    )


def run(ws: Any, args: argparse.Namespace) -> int:
    check_output_path(args.output, ws.paths)  # refused before the work, not after
    pool_id = None if args.pool is None else ws.reads.pool_id_by_name(args.pool)
    columns = [c.strip() for c in args.columns.split(",")] if args.columns else list(COLUMNS)
    ids = ws.listing.ids(ListQuery(pool_id=pool_id, search=args.search))
    options = ExportOptions(
        columns=columns, excel=args.excel, decimal_comma=args.decimal_comma, pool_id=pool_id
    )

    line = ProgressLine()

    def progress(done: int, total: int) -> None:
        line.show(f"exporting… {done:,} of {total:,}")

    try:
        result = export_candidates(
            ws.reader, ids, args.output, options, progress=progress, data_dir=ws.paths
        )
    finally:
        line.end()
    print(f"exported {result.rows:,} candidates to {result.where}")
    return 0
