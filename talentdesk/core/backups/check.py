"""`talentdesk check`: SQLite's integrity check and foreign-key check of the live database,
each problem in words (the table, the row, what is wrong). Reads only."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from talentdesk.core.db.diagnose import SQLITE_CORRUPT, check_is_file, from_sqlite, result_code
from talentdesk.core.db.preflight import inspect_file
from talentdesk.core.errors import DatabaseDamagedError, TalentDeskError
from talentdesk.paths import AppPaths

SHOWN_PROBLEMS = 100
_INDEX = re.compile(r"\bindex (\S+)")


@dataclass(frozen=True)
class Problem:
    text: str
    table: str | None = None
    row: int | None = None


@dataclass
class CheckReport:
    database: Path
    revision: str | None = None
    damage: list[Problem] = field(default_factory=list)
    broken_links: list[Problem] = field(default_factory=list)
    more: int = 0  # problems found beyond those listed

    @property
    def ok(self) -> bool:
        return not (self.damage or self.broken_links)

    def lines(self) -> list[str]:
        if self.ok:
            return [f"{self.database}: ok (integrity and foreign keys checked)"]
        count = len(self.damage) + len(self.broken_links) + self.more
        out = [f"{self.database}: {count:,} problem{'s' if count != 1 else ''} found"]
        out += [f"  damaged: {p.text}" for p in self.damage]
        out += [f"  broken link: {p.text}" for p in self.broken_links]
        if self.more:
            out.append(f"  …and {self.more:,} more")
        return out


def check(paths: AppPaths, limit: int = SHOWN_PROBLEMS) -> CheckReport:
    """Check the database; a TalentDeskError when it cannot be checked at all."""
    database = paths.database
    status = check_is_file(database)
    if status is None or status.st_size == 0:
        raise TalentDeskError(f"There is no database at {database} yet.", "Nothing to check.")
    report = CheckReport(database)
    try:
        report.revision = inspect_file(database, paths.backups)
    except DatabaseDamagedError as exc:
        report.damage.append(Problem(f"SQLite cannot read the list of tables ({exc.__cause__})"))
        return report
    conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        _integrity(conn, report, limit)
        if not report.damage:  # links in damaged tables would only repeat the damage
            _foreign_keys(conn, report, limit)
    except sqlite3.DatabaseError as exc:
        if result_code(exc) != SQLITE_CORRUPT:
            raise from_sqlite(database, exc, paths.backups) from exc
        report.damage.append(Problem(f"SQLite stopped reading: {exc}"))
    finally:
        conn.close()
    return report


def _integrity(conn: sqlite3.Connection, report: CheckReport, limit: int) -> None:
    rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    if rows == ["ok"]:
        return
    for row in rows:
        for line in str(row).splitlines():
            if line.startswith("***") or not line.strip():
                continue  # "*** in database main ***": there is only one
            table = _table_of_index(conn, line)
            where = f"table {table}: " if table else ""
            report.damage.append(Problem(f"{where}{line.strip()}", table))


def _table_of_index(conn: sqlite3.Connection, line: str) -> str | None:
    match = _INDEX.search(line)
    if match is None:
        return None
    row = conn.execute(
        "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?", (match[1],)
    ).fetchone()
    return None if row is None else str(row[0])


def _foreign_keys(conn: sqlite3.Connection, report: CheckReport, limit: int) -> None:
    links: dict[tuple[str, int], list[tuple[str, str | None]]] = {}
    for table, rowid, parent, fkid in conn.execute("PRAGMA foreign_key_check"):
        if len(report.broken_links) >= limit:
            report.more += 1
            continue
        if (table, fkid) not in links:
            links[(table, fkid)] = [
                (str(r[3]), r[4])
                for r in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})")
                if r[0] == fkid
            ]
        columns = links[(table, fkid)]
        report.broken_links.append(
            Problem(_link_text(conn, table, rowid, parent, columns), table, rowid)
        )


def _link_text(
    conn: sqlite3.Connection,
    table: str,
    rowid: int | None,
    parent: str,
    columns: list[tuple[str, str | None]],
) -> str:
    names = ", ".join(c for c, _ in columns) or "a column"
    if rowid is None:  # a table without row ids
        return f"table {table}: a row's {names} points to a {parent} that does not exist"
    select = ", ".join(_quote(c) for c, _ in columns) or "NULL"
    found = conn.execute(f"SELECT {select} FROM {_quote(table)} WHERE rowid = ?", (rowid,))
    values = ", ".join(repr(v) for v in (found.fetchone() or ()))
    return (
        f"table {table}, row {rowid}: {names} = {values} points to a {parent} that does not exist"
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
