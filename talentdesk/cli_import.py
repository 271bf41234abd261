"""`talentdesk import FILE`: the same core importer the wizard uses, with a printed summary."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from talentdesk.core.csvio.mapping import PRESET_NAMES, detect_preset, guess_mapping
from talentdesk.core.csvio.options import ImportConsent, ImportOptions, OnDuplicate, OnError
from talentdesk.core.csvio.reader import CsvLayout
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.db.enums import ConsentPurpose, LegalBasis, TagCategory
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import TagRef
from talentdesk.progress_line import ProgressLine

SHOWN_PROBLEMS = 20


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("import", help="import candidates from a CSV file")
    parser.add_argument(
        "file",
        type=Path,
        help="the CSV file to read; or `history` (the imports made) or `undo ID` (undo one "
        "whose new people are untouched since)",
    )
    parser.add_argument("more", nargs="*", help=argparse.SUPPRESS)  # undo's ID
    parser.add_argument("--yes", action="store_true", help="undo: do not ask for confirmation")
    parser.add_argument(
        "--preset",
        choices=PRESET_NAMES,
        default="auto",
        help="whose export the file is, for the column names (default: auto, guessed from them)",
    )
    parser.add_argument(
        "--mapping", metavar="NAME", help="use a saved column mapping (wins over --preset)"
    )
    parser.add_argument(
        "--save-mapping", metavar="NAME", help="save this run's column mapping under NAME"
    )
    parser.add_argument("--pool", metavar="NAME", help="pool the imported people join")
    parser.add_argument("--stage", metavar="NAME", help="their stage in that pool")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="CATEGORY:VALUE", help="tag everyone"
    )
    parser.add_argument(
        "--on-duplicate",
        choices=[d.value for d in OnDuplicate],
        default=OnDuplicate.SKIP.value,
        help="someone already there (same e-mail or LinkedIn URL): skip the row, fill only their "
        "empty fields, overwrite them, or add a new candidate anyway (default: skip)",
    )
    parser.add_argument(
        "--on-error",
        choices=[e.value for e in OnError],
        default="skip",
        help="a row with a problem: skip it and report it, or stop and import nothing "
        "(default: skip)",
    )
    parser.add_argument("--encoding", help="override the detected encoding (e.g. cp1250)")
    parser.add_argument("--delimiter", help="override the detected delimiter (, ; tab |)")
    parser.add_argument(
        "--header-line",
        type=int,
        metavar="N",
        help="the line of the file that holds the column names (lines above it are skipped)",
    )
    parser.add_argument(
        "--rejected",
        type=Path,
        metavar="FILE",
        help="write the rows with problems to FILE, as they were plus a 'problem' column",
    )
    parser.add_argument(
        "--month-first", action="store_true", help="read 03/04/2025 as 4 March, not 3 April"
    )
    _add_consent_arguments(parser)
    parser.add_argument("--dry-run", action="store_true", help="only say what would happen")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _add_consent_arguments(parser: Any) -> None:
    parser.add_argument(
        "--basis",
        choices=[b.value for b in LegalBasis],
        default=LegalBasis.LEGITIMATE_INTEREST.value,
        help="the legal basis the file's people are kept on: one consent record each, ending "
        "as the Privacy settings say (default: legitimate_interest)",
    )
    parser.add_argument(
        "--purpose",
        choices=[p.value for p in ConsentPurpose if p is not ConsentPurpose.VACANCY],
        default=ConsentPurpose.TALENT_POOL.value,
        help="what they are kept for (default: talent_pool)",
    )


def run(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk import cli_import_history

    if cli_import_history.is_command(args):
        return cli_import_history.run(ws, args)
    if args.more:
        raise TalentDeskError(f"import takes one file, not also {args.more[0]!r}.")
    return _run_import(ws, args)


def _run_import(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.csvio import saved_mappings  # loads the ORM
    from talentdesk.core.csvio.importer import run_import
    from talentdesk.core.csvio.reader import sample_rows, sniff
    from talentdesk.core.files import check_output_path

    if ws.read_only is not None:  # before reading the file: it could not be stored
        from talentdesk.core.diagnose import ReadOnlyError

        raise ReadOnlyError(ws.read_only)
    # Names are checked before the file is read: a typo should not cost a long import.
    save_as = None if args.save_mapping is None else saved_mappings.check_name(args.save_mapping)
    saved = None if args.mapping is None else saved_mappings.get(ws.db, args.mapping)
    if args.rejected is not None:
        _check_rejected_path(args.rejected, args.file)
        check_output_path(args.rejected, ws.paths)  # never the database or the data folder
    delimiter = "\t" if args.delimiter == "tab" else args.delimiter
    layout = sniff(args.file, args.encoding, delimiter, args.header_line)
    _warn_about_header(layout, args.header_line is None)
    if saved is not None:
        preset, mapping = saved.preset, saved_mappings.apply(saved, layout.header)
        source = f"mapping “{saved.name}”"
    else:
        preset = detect_preset(layout.header) if args.preset == "auto" else args.preset
        rows = sample_rows(args.file, layout)  # a column of links or addresses maps by them
        mapping, source = guess_mapping(layout.header, preset, rows), f"preset {preset}"
    pool_id, stage_id = _pool_and_stage(ws, args.pool, args.stage)
    options = ImportOptions(
        mapping=mapping,
        pool_id=pool_id,
        stage_id=stage_id,
        tags=tuple(_tag(text) for text in args.tag),
        on_duplicate=OnDuplicate(args.on_duplicate),
        on_error=OnError(args.on_error),
        day_first=not args.month_first,
        consent=ImportConsent(
            LegalBasis(args.basis), ConsentPurpose(args.purpose), source=args.file.name
        ),
        preset=saved.preset if saved is not None else preset,
    )

    line = ProgressLine(enabled=not args.json)

    def progress(rows: int) -> None:
        line.show(f"importing… {rows:,} rows")

    if not args.dry_run and not ws.on_server:  # a team database has the server's backups
        _backup_before_import(ws)
    try:
        report = run_import(
            ws.db, args.file, layout, options, ws.clock, dry_run=args.dry_run, progress=progress
        )
    finally:
        line.end()  # a message starts on a line of its own
    try:
        return _print_report(ws, args, layout, report, saved, save_as, preset, source, mapping)
    finally:
        report.close()


def _print_report(
    ws: Any,
    args: argparse.Namespace,
    layout: CsvLayout,
    report: ImportReport,
    saved: Any,
    save_as: str | None,
    preset: str,
    source: str,
    mapping: list[str],
) -> int:
    from talentdesk.core.csvio import saved_mappings
    from talentdesk.core.csvio.rejected import save_rejected_rows
    from talentdesk.core.files import check_output_path

    # Saved once the import ran, and not on a dry run, which writes nothing.
    saved_as = None
    if save_as is not None and not args.dry_run:
        saved_as = saved_mappings.save(
            ws.db, save_as, layout.header, mapping, preset, ws.clock
        ).name
    written = None
    if args.rejected is not None:
        out = check_output_path(args.rejected, ws.paths)
        written = save_rejected_rows(out.target, layout.header, report, data_dir=ws.paths)
    if args.json:
        payload = report.as_json() | {
            "import_id": report.import_id,
            "encoding": layout.encoding,
            "delimiter": layout.delimiter,
            "header_line": layout.shown_header_line,
            "above_header": [{"line": r.line, "cells": r.cells} for r in layout.skipped],
            "header_warning": layout.uncertain or None,
            "preset": preset,
            "saved_mapping": saved.name if saved is not None else None,
            "mapping": dict(zip(layout.header, mapping, strict=False)),
            "saved_mapping_as": saved_as,
            "rejected_file": str(args.rejected) if written is not None else None,
        }
        _print_json(payload, report)
        return 0
    delimiter_name = {"\t": "tab"}.get(layout.delimiter, layout.delimiter)
    print(f"{args.file.name}: {layout.encoding}, delimiter {delimiter_name!r}, {source}")
    print(("Dry run — " if args.dry_run else "") + report.summary())
    if saved_as is not None:
        print(f"Saved the mapping as “{saved_as}”.")
    elif save_as is not None:
        print(f"Dry run — the mapping was not saved as “{save_as}”.")
    for kept, count in ((report.rejected, report.rejected_count),
                        (report.dropped, report.dropped_count)):  # fmt: skip
        for problem in kept[:SHOWN_PROBLEMS]:
            where = f", column “{problem.column}”" if problem.column else ""
            print(f"  row {problem.row}{where}: {problem.reason}")
        if count > SHOWN_PROBLEMS:
            more = count - SHOWN_PROBLEMS
            print(f"  …and {more:,} more (see --rejected FILE or --json)")
    if written is not None:
        print(f"Wrote {written:,} rows with problems to {args.rejected}, with a “problem” column.")
    for row, candidate_id in report.possible_duplicates[:SHOWN_PROBLEMS]:
        print(f"  row {row}: possibly the same person as candidate #{candidate_id}")
    for row, erased_at in report.suppressed[:SHOWN_PROBLEMS]:
        print(f"  row {row}: suppressed (erased on {erased_at:%Y-%m-%d})")
    return 0


def _backup_before_import(ws: Any) -> None:
    from talentdesk.core.backups.auto import auto_backup
    from talentdesk.core.backups.names import BEFORE_IMPORT

    made = auto_backup(ws.paths, BEFORE_IMPORT, ws.clock())
    if made is not None:
        print(f"backed up the database to {made}", file=sys.stderr)


def _check_rejected_path(path: Path, source: Path) -> None:
    """Before importing: a long import should not end in "cannot write the rejected rows"."""
    if not path.parent.is_dir():
        raise TalentDeskError(
            f"--rejected: the folder {path.parent} does not exist.", "Choose an existing folder."
        )
    if path.exists() and source.exists() and path.samefile(source):
        raise TalentDeskError(
            "--rejected names the file being imported.",
            "Choose another file for the rejected rows.",
        )


def _warn_about_header(layout: CsvLayout, guessed: bool) -> None:
    """Lines skipped above the header are named, so a wrong guess loses nothing unseen."""
    if layout.skipped:
        count = len(layout.skipped)
        print(
            f"warning: {count} line{'s' if count != 1 else ''} above the header "
            f"(line {layout.shown_header_line}) skipped:",
            file=sys.stderr,
        )
        for record in layout.skipped[:SHOWN_PROBLEMS]:
            print(
                f"  line {record.line}: {_shown(record.cells, layout.delimiter)}", file=sys.stderr
            )
        if count > SHOWN_PROBLEMS:
            print(f"  …and {count - SHOWN_PROBLEMS:,} more", file=sys.stderr)
    if guessed and layout.uncertain:
        print(f"warning: {layout.uncertain}", file=sys.stderr)
        print(
            f"  The header was taken from line {layout.shown_header_line}; if the column names "
            "are on another line, give it with --header-line N.",
            file=sys.stderr,
        )


def _shown(cells: list[str], delimiter: str, limit: int = 100) -> str:
    text = delimiter.join(cells).replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_json(payload: dict[str, Any], report: ImportReport) -> None:
    """The payload with "rejected": every problem row, and "dropped": every value left out of
    an imported row, streamed from the report's spool."""
    head = json.dumps(payload, ensure_ascii=False, default=str)
    out = sys.stdout
    out.write(head[:-1])
    for key, problems in (("rejected", report.all_rejected), ("dropped", report.all_dropped)):
        out.write(f', "{key}": [')
        for index, problem in enumerate(problems()):
            out.write(", " if index else "")
            out.write(json.dumps(asdict(problem), ensure_ascii=False))
        out.write("]")
    out.write("}\n")


def _tag(text: str) -> TagRef:
    category, sep, name = text.partition(":")
    if not sep or category not in {c.value for c in TagCategory} or not name.strip():
        categories = ", ".join(c.value for c in TagCategory)
        raise TalentDeskError(
            f"“{text}” is not a tag.", f"Write CATEGORY:VALUE with a category among {categories}."
        )
    return TagRef(TagCategory(category), name.strip())


def _pool_and_stage(ws: Any, pool: str | None, stage: str | None) -> tuple[int | None, int | None]:
    if pool is None:
        if stage is not None:
            raise TalentDeskError("--stage needs --pool.", "Name the pool the stage belongs to.")
        return None, None
    pool_id = ws.reads.pool_id_by_name(pool)
    if stage is None:
        return pool_id, None
    stages = {s.name.casefold(): s.id for s in ws.pools.stages(pool_id)}
    if stage.casefold() not in stages:
        names = ", ".join(s.name for s in ws.pools.stages(pool_id))
        raise TalentDeskError(f"The pool has no stage “{stage}”.", f"Stages: {names}.")
    return pool_id, stages[stage.casefold()]
