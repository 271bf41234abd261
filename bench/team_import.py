"""CSV import into a team database: 100,000 rows (bench/csv_import.py's file: three skills a
row, a consent record for everyone) imported into an empty PostgreSQL database on a local
throw-away server, beside a plain COPY of the same rows measured in the same run.

    .venv/bin/python bench/team_import.py [--rows 100000] [--runs 2]

Each round uses two fresh databases. The import is `run_import` as the wizard calls it (both
phases: the snapshot into the local mirror, reading and staging, then the one transaction on
the server with its search index built). The floor is psycopg's COPY of the file's own text
columns into `candidate`, its search triggers disabled, in one transaction: no tags, no
e-mail keys, no search index, no consent records. Medians; the ratio is import / COPY.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from csv_import import write_file  # noqa: E402
from sqlalchemy import text  # noqa: E402

from talentdesk.core.csvio.importer import run_import  # noqa: E402
from talentdesk.core.csvio.mapping import guess_mapping  # noqa: E402
from talentdesk.core.csvio.options import ImportConsent, ImportOptions  # noqa: E402
from talentdesk.core.csvio.reader import sniff  # noqa: E402
from talentdesk.core.db.migrate import create_schema  # noqa: E402
from talentdesk.core.db.server import make_server_engine  # noqa: E402
from talentdesk.core.db.server_search_schema import TRIGGERS  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402

# The file's columns COPY takes as they are: (the file's column, candidate's column).
PLAIN = (("First Name", "first_name"), ("Last Name", "last_name"), ("Email", "email"),
         ("Phone", "phone"), ("Company", "company"), ("Title", "title"), ("City", "city"),
         ("LinkedIn", "linkedin_url"), ("Notes", "notes"))  # fmt: skip


def _new_database(server: PostgresServer) -> str:
    url = server.url(server.create_database())
    engine = make_server_engine(url)
    with engine.begin() as connection:
        create_schema(connection)
    engine.dispose()
    return url


def imported(url: str, path: Path, folder: Path) -> tuple[float, int]:
    ws = Workspace.open(AppPaths(folder).with_database_url(url), tz=UTC)
    try:
        ws.warm_up()
        start = time.perf_counter()
        layout = sniff(path)
        options = ImportOptions(guess_mapping(layout.header), consent=ImportConsent(source="x"))
        report = run_import(ws.db, path, layout, options, ws.clock)
        return time.perf_counter() - start, report.created
    finally:
        ws.close()


def copied(url: str, path: Path) -> float:
    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            for name, table, _ in TRIGGERS:
                connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {name}"))
            raw = connection.connection.dbapi_connection
            assert raw is not None
            names = ", ".join(column for _header, column in PLAIN)
            names += ", relationship_kind, status, created_at, updated_at"  # NOT NULL
            now = datetime.now(UTC).replace(tzinfo=None)
            start = time.perf_counter()
            with (
                path.open(newline="", encoding="utf-8") as handle,
                raw.cursor() as cursor,  # type: ignore[attr-defined]
                cursor.copy(f"COPY candidate ({names}) FROM STDIN") as copy,
            ):
                for row in csv.DictReader(handle):
                    copy.write_row(
                        [*(row[header] for header, _column in PLAIN), "none", "passive", now, now]
                    )
            took = time.perf_counter() - start
        return took
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    imports, copies = [], []
    with PostgresServer() as server, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        write_file(path, args.rows)
        for run in range(args.runs):
            took, created = imported(_new_database(server), path, Path(folder) / f"desk{run}")
            assert created == args.rows, created
            imports.append(took)
            copies.append(copied(_new_database(server), path))
            print(f"run {run + 1}: import {took:.2f} s, COPY {copies[-1]:.2f} s", flush=True)
    imp, base = statistics.median(imports), statistics.median(copies)
    print(
        f"team database, {args.rows:,} rows: import {imp:.2f} s; plain COPY of the same rows"
        f" {base:.2f} s; import / COPY {imp / base:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
