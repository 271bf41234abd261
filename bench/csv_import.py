"""CSV import and export speed, each against a baseline measured in the same run: import against
reading the same file with Python's csv module and sqlite3.executemany into one plain table;
export against csv.writer over a sqlite3 cursor of the same columns.

    .venv/bin/python bench/csv_import.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
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


def export_pair(data_dir: Path, out: Path) -> tuple[float, float, int]:
    from talentdesk.core.candidate_list import ListQuery
    from talentdesk.core.csvio.exporter import COLUMNS, ExportOptions, export_candidates
    from talentdesk.core.db.reader import open_reader
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(data_dir))
    plain = ["first_name", "last_name", "email", "phone", "company", "title", "city", "notes"]
    started = time.perf_counter()
    con = open_reader(ws.paths.database)
    with (out.with_suffix(".base.csv")).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(plain)
        writer.writerows(con.execute(f"SELECT {', '.join(plain)} FROM candidate"))
    con.close()
    base = time.perf_counter() - started
    started = time.perf_counter()
    ids = ws.listing.ids(ListQuery())
    result = export_candidates(ws.reader, ids, out, ExportOptions(columns=list(COLUMNS)))
    ours = time.perf_counter() - started
    ws.close()
    return ours, base, result.rows


def talentdesk_import(path: Path, data_dir: Path) -> tuple[float, int]:
    from talentdesk.core.csvio.importer import run_import
    from talentdesk.core.csvio.mapping import guess_mapping
    from talentdesk.core.csvio.options import ImportOptions
    from talentdesk.core.csvio.reader import sniff
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(data_dir))
    ws.warm_up()
    started = time.perf_counter()
    layout = sniff(path)
    report = run_import(ws.db, path, layout, ImportOptions(guess_mapping(layout.header)), ws.clock)
    elapsed = time.perf_counter() - started
    ws.close()
    return elapsed, report.created


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "people.csv"
        write_file(path, args.rows)
        base = baseline(path, folder / "baseline.sqlite3")
        ours, created = talentdesk_import(path, folder / "data")
        exported, export_base, rows = export_pair(folder / "data", folder / "out.csv")
    print(
        f"import of {args.rows:,} rows: {ours:.1f} s ({created:,} created); csv + executemany "
        f"baseline {base:.2f} s; ratio {ours / base:.1f} (target <= 3.0)"
    )
    print(
        f"export of {rows:,} candidates, all columns: {exported:.2f} s; csv.writer baseline "
        f"(8 plain columns) {export_base:.2f} s; ratio {exported / export_base:.1f} "
        "(target <= 2.0)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
