"""CSV import and export speed, each against baselines measured in the same run (issue 17).
Import: against the same file read with `csv` and written with executemany into TalentDesk's own
empty schema as the import writes it (bench/import_baselines.py; target <= 1.3x); its CPU time
as a command against `sqlite-utils insert --csv` + `enable-fts --create-triggers` (target: less);
and a file whose e-mails and LinkedIn slugs are all non-ASCII against the ASCII one (target
<= 1.5x). Also the old plain baseline (csv + executemany into one table of text columns).
Export against csv.writer over a sqlite3 cursor of the same 25 columns, computed in SQL as the
exporter writes them (aggregates, ISO times, two-decimal amounts, formula protection).
With --memory, a 1,000,000-row import runs in a child process that reports its peak resident
memory over its size when idle (everything loaded, database open, nothing imported yet).

    .venv/bin/python bench/csv_import.py [--rows 100000] [--runs 1] [--no-consent]
    .venv/bin/python bench/csv_import.py --memory [--rows 1000000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = ("Anna", "Łukasz", "Jürgen", "Maria", "Tomasz", "Emma", "Oliver", "Zofia", "Paweł")
LAST = ("Kowalska", "Wiśniewski", "Müller", "Nowak", "Smith", "Schmidt", "Lewandowska")
SKILLS = ("Java", "Python", "Kubernetes", "SQL", "React", "Go", "AWS", "Spark", "Kafka")
COLUMNS = ("First Name", "Last Name", "Email", "Phone", "Company", "Title", "City",
           "Seniority", "Skills", "LinkedIn", "Notes")  # fmt: skip


# Non-ASCII e-mails as people have them: a local part with letters (on an ASCII domain) and an
# internationalised domain, in turn; LinkedIn slugs with letters.
_LOCAL = ("łukasz.wiśniewski", "zoë.müller", "paweł.żółć", "jürgen.groß")
_DOMAIN = ("przykład.pl", "müller.de", "bücher.example.com", "żabka.pl")


def write_file(path: Path, rows: int, non_ascii: bool = False) -> None:
    rng = random.Random(3)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if non_ascii:
                email = (f"{_LOCAL[i % 4]}{i}@example.com" if i % 2 else
                         f"person{i}@{_DOMAIN[i % 4]}")  # fmt: skip
                slug = f"{_LOCAL[i % 4].replace('.', '-')}-{i}"
            else:
                email, slug = f"person{i}@example.com", f"person-{i}"
            out.writerow((
                first, last, email, f"+48 600 {i % 1000:03d} {i % 997:03d}",
                f"Company {i % 500}", "Senior Developer", rng.choice(("Kraków", "Berlin")),
                rng.choice(("junior", "mid", "senior")), ", ".join(rng.sample(SKILLS, 3)),
                f"https://linkedin.com/in/{slug}", "Met at a meetup; open to offers",
            ))  # fmt: skip


def baseline(path: Path, db: Path) -> float:
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute(f"CREATE TABLE t ({', '.join(f'c{i} TEXT' for i in range(len(COLUMNS)))})")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(COLUMNS))})", rows)
    con.commit()
    con.close()
    return time.perf_counter() - started


def _protected(expr: str) -> str:
    """SQL for the exporter's formula protection of a text cell."""
    starts = "'=', '+', '-', '@', char(9), char(13), char(10)"
    return f"CASE WHEN substr({expr}, 1, 1) IN ({starts}) THEN '''' || {expr} ELSE {expr} END"


def baseline_select(columns: list[str]) -> str:
    """The exporter's columns, each computed in SQL the way the exporter writes it."""
    from talentdesk.core.csvio.exporter import COLUMN_SQL

    cells = []
    for key in columns:
        if key in ("salary_min", "salary_max"):
            cells.append(f"iif(c.{key} IS NULL, NULL, printf('%.2f', c.{key}))")
        elif key in ("last_contact", "created"):
            column = "c.last_contact_at" if key == "last_contact" else "c.created_at"
            cells.append(f"strftime('%Y-%m-%dT%H:%M:%SZ', {column})")
        else:
            cells.append(_protected(COLUMN_SQL.get(key, f"c.{key}")))
    return f"SELECT {', '.join(cells)} FROM candidate c ORDER BY c.sort_name, c.id"


def export_pair(data_dir: Path, out: Path) -> tuple[float, float, int]:
    from talentdesk.core.candidate_list import ListQuery
    from talentdesk.core.csvio.exporter import EXPORT_COLUMNS, ExportOptions, export_candidates
    from talentdesk.core.db.reader import open_reader
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(data_dir))
    columns = list(EXPORT_COLUMNS)
    started = time.perf_counter()
    con = open_reader(ws.paths.database)
    with (out.with_suffix(".base.csv")).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(EXPORT_COLUMNS.values())
        writer.writerows(con.execute(baseline_select(columns)))
    con.close()
    base = time.perf_counter() - started
    started = time.perf_counter()
    ids = ws.listing.ids(ListQuery())
    result = export_candidates(
        ws.reader, ids, out, ExportOptions(columns=columns), data_dir=ws.paths
    )
    ours = time.perf_counter() - started
    ws.close()
    return ours, base, result.rows


def talentdesk_import(path: Path, data_dir: Path, consent: bool = True) -> tuple[float, float, int]:
    """Import as the wizard does: with a consent record for everyone (unless `consent` is
    False: the --no-consent comparison). Returns wall and CPU seconds, and people created."""
    from talentdesk.core.csvio.importer import run_import
    from talentdesk.core.csvio.mapping import guess_mapping
    from talentdesk.core.csvio.options import ImportConsent, ImportOptions
    from talentdesk.core.csvio.reader import sniff
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(data_dir))
    ws.warm_up()
    started, cpu = time.perf_counter(), time.process_time()  # every thread's CPU time
    layout = sniff(path)
    options = ImportOptions(
        guess_mapping(layout.header), consent=ImportConsent(source=path.name) if consent else None
    )
    report = run_import(ws.db, path, layout, options, ws.clock)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    ws.close()
    return elapsed, cpu, report.created


def memory_child(path: Path, data_dir: Path) -> None:
    """Import `path`; print JSON with idle and peak resident memory (MiB), seconds, rows."""
    import psutil

    from talentdesk.core.csvio.importer import run_import
    from talentdesk.core.csvio.mapping import guess_mapping
    from talentdesk.core.csvio.options import ImportOptions
    from talentdesk.core.csvio.reader import sniff
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(data_dir))
    ws.warm_up()
    layout = sniff(path)
    options = ImportOptions(guess_mapping(layout.header))
    idle = psutil.Process().memory_info().rss
    started = time.perf_counter()
    report = run_import(ws.db, path, layout, options, ws.clock)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    ws.close()
    mib = 1024 * 1024
    print(json.dumps({"idle": idle / mib, "peak": peak / mib, "seconds": elapsed,
                      "created": report.created}))  # fmt: skip


def memory(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "people.csv"
        write_file(path, rows)
        child = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(path), str(folder / "data")],
            check=True,
            capture_output=True,
            text=True,
        )
    result = json.loads(child.stdout)
    print(
        f"import of {rows:,} rows: {result['seconds']:.1f} s ({result['created']:,} created); "
        f"peak RSS {result['peak']:.0f} MiB, idle {result['idle']:.0f} MiB: growth "
        f"{result['peak'] - result['idle']:.0f} MiB (target <= 150 MB)"
    )


def run_once(folder: Path, rows: int, consent: bool) -> None:
    from import_baselines import same_schema, sqlite_utils_cpu, talentdesk_cli_cpu

    path, other = folder / "people.csv", folder / "people-non-ascii.csv"
    write_file(path, rows)
    write_file(other, rows, non_ascii=True)
    plain = baseline(path, folder / "baseline.sqlite3")
    same, same_cpu = same_schema(path, folder / "same", consent)
    ours, ours_cpu, created = talentdesk_import(path, folder / "data", consent)
    theirs, theirs_cpu, created_na = talentdesk_import(other, folder / "data-na", consent)
    print(
        f"import of {rows:,} rows: {ours:.2f} s, CPU {ours_cpu:.2f} s ({created:,} created); "
        f"same-schema baseline (csv + executemany into TalentDesk's schema) {same:.2f} s, CPU "
        f"{same_cpu:.2f} s: ratio {ours / same:.2f}, CPU ratio {ours_cpu / same_cpu:.2f} "
        f"(target <= 1.3); plain one-table baseline {plain:.2f} s: ratio {ours / plain:.1f}"
    )
    print(
        f"  non-ASCII e-mails and LinkedIn slugs: {theirs:.2f} s, CPU {theirs_cpu:.2f} s "
        f"({created_na:,} created): ratio {theirs / ours:.2f}, CPU ratio "
        f"{theirs_cpu / ours_cpu:.2f} to the ASCII file (target <= 1.5)"
    )
    cpu, wall, _, creating = talentdesk_cli_cpu(path, folder / "cli")
    tool = sqlite_utils_cpu(path, folder / "sqlite-utils.db")
    if tool is None:
        print("  sqlite-utils: not installed (pip install '.[bench]'): CPU comparison skipped")
    else:
        print(
            f"  `talentdesk import` as a command into an existing database: CPU {cpu:.2f} s "
            f"(wall {wall:.2f} s; creating the empty database first, not counted: CPU "
            f"{creating:.2f} s); "
            f"sqlite-utils insert --csv + enable-fts --create-triggers: CPU {tool[0]:.2f} s "
            f"(wall {tool[1]:.2f} s): CPU ratio {cpu / tool[0]:.2f} (target < 1.0)"
        )
    exported, export_base, count = export_pair(folder / "data", folder / "out.csv")
    print(
        f"export of {count:,} candidates, 25 columns: {exported:.2f} s; csv.writer over the "
        f"same columns in SQL {export_base:.2f} s; export ratio {exported / export_base:.1f} "
        "(target <= 2.0)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="default 100,000; 1,000,000 with --memory")
    parser.add_argument("--runs", type=int, default=1, help="repeat, printing every run")
    parser.add_argument("--memory", action="store_true", help="peak memory of a large import")
    parser.add_argument("--memory-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-consent", action="store_true", help="import without consent records (to compare)"
    )
    args = parser.parse_args()
    if args.memory_child:
        memory_child(*args.memory_child)
        return 0
    if args.memory:
        memory(args.rows or 1_000_000)
        return 0
    rows = args.rows or 100_000
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            run_once(folder, rows, not args.no_consent)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
