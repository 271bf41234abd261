"""CSV import and export speed, each against a baseline measured in the same run: import against
reading the same file with Python's csv module and sqlite3.executemany into one plain table;
export against csv.writer over a sqlite3 cursor of the same 25 columns, computed in SQL as the
exporter writes them (aggregates, ISO times, two-decimal amounts, formula protection).
With --memory, a 1,000,000-row import runs in a child process that reports its peak resident
memory over its size when idle (everything loaded, database open, nothing imported yet).

    .venv/bin/python bench/csv_import.py [--rows 100000] [--runs 1]
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


def write_file(path: Path, rows: int) -> None:
    rng = random.Random(3)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            out.writerow((
                first, last, f"person{i}@example.com", f"+48 600 {i % 1000:03d} {i % 997:03d}",
                f"Company {i % 500}", "Senior Developer", rng.choice(("Kraków", "Berlin")),
                rng.choice(("junior", "mid", "senior")), ", ".join(rng.sample(SKILLS, 3)),
                f"https://linkedin.com/in/person-{i}", "Met at a meetup; open to offers",
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


def talentdesk_import(path: Path, data_dir: Path, consent: bool = True) -> tuple[float, int]:
    """Import as the wizard does: with a consent record for everyone (unless `consent` is
    False: the --no-consent comparison)."""
    from talentdesk.core.csvio.importer import run_import
    from talentdesk.core.csvio.mapping import guess_mapping
    from talentdesk.core.csvio.options import ImportConsent, ImportOptions
    from talentdesk.core.csvio.reader import sniff
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(data_dir))
    ws.warm_up()
    started = time.perf_counter()
    layout = sniff(path)
    options = ImportOptions(
        guess_mapping(layout.header), consent=ImportConsent(source=path.name) if consent else None
    )
    report = run_import(ws.db, path, layout, options, ws.clock)
    elapsed = time.perf_counter() - started
    ws.close()
    return elapsed, report.created


_WRITTEN = ("tag", "candidate", "candidate_email", "candidate_tag", "interaction")
_WRITTEN += ("pool_membership", "consent", "audit_entry")


def write_floor(imported: Path, data_dir: Path) -> tuple[float, dict[str, float]]:
    """The database's own share: every row the import wrote (candidates, tags and tag links,
    "Imported from" notes, search rows) read back, then written again into an empty TalentDesk
    database the way the importer writes them (executemany a thousand rows at a time in one
    transaction, search triggers suspended, CHECK lists skipped), with no CSV and no checks in
    Python. An import through this schema cannot be faster than this. Also returns the seconds
    each table took (the commit counted apart)."""
    from talentdesk.core.csvio.bulk import Triggers
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    paths = AppPaths(data_dir)
    Workspace.open(paths).close()
    source = sqlite3.connect(imported)
    tables: list[tuple[str, str, list[tuple[object, ...]]]] = []
    for table in (*_WRITTEN, "candidate_fts"):
        rowid = "rowid, " if table == "candidate_fts" else ""
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
        sql = (
            f"INSERT INTO {table} ({rowid}{', '.join(columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + bool(rowid)))})"
        )
        tables.append((table, sql, source.execute(f"SELECT {rowid}* FROM {table}").fetchall()))
    source.close()
    con = sqlite3.connect(paths.database, isolation_level=None)
    con.execute("PRAGMA synchronous = FULL")  # as the app's engine sets it
    con.execute("PRAGMA foreign_keys = ON")
    triggers = Triggers(con.cursor())
    started = time.perf_counter()
    con.execute("BEGIN")
    triggers.suspend()
    con.execute("PRAGMA ignore_check_constraints = ON")
    shares: dict[str, float] = {}
    for table, sql, rows in tables:
        table_started = time.perf_counter()
        for start in range(0, len(rows), 1000):
            con.executemany(sql, rows[start : start + 1000])
        shares[table] = time.perf_counter() - table_started
    triggers.restore()
    commit_started = time.perf_counter()
    con.execute("COMMIT")
    shares["commit"] = time.perf_counter() - commit_started
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed, shares


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
    from talentdesk.paths import AppPaths

    rows = args.rows or 100_000
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            path = folder / "people.csv"
            write_file(path, rows)
            base = baseline(path, folder / "baseline.sqlite3")
            ours, created = talentdesk_import(path, folder / "data", not args.no_consent)
            floor, shares = write_floor(AppPaths(folder / "data").database, folder / "floor")
            exported, export_base, count = export_pair(folder / "data", folder / "out.csv")
        print(
            f"import of {rows:,} rows: {ours:.2f} s ({created:,} created); csv + executemany "
            f"baseline {base:.2f} s; import ratio {ours / base:.1f} (target <= 3.0)"
        )
        print(
            f"  the same rows written again with the importer's statements, no CSV and no "
            f"Python checks: {floor:.2f} s, ratio {floor / base:.1f} (the database's own share)"
        )
        print("    " + ", ".join(f"{table} {seconds:.2f} s" for table, seconds in shares.items()))
        print(
            f"export of {count:,} candidates, 25 columns: {exported:.2f} s; csv.writer over the "
            f"same columns in SQL {export_base:.2f} s; export ratio {exported / export_base:.1f} "
            "(target <= 2.0)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
