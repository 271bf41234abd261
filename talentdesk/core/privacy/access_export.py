"""A person's own data on request: a zip with `data.json` (machine-readable, every row of
every table about them) and `report.html` (for them to read, e-mails sent listed first).

`export_person` reads on a connection of its own and writes the zip through a temporary file,
so a failed export leaves no half-written file; the caller records the audit entry.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.privacy.access_report import html_report
from talentdesk.core.privacy.person_data import PersonData, read_person

FORMAT = "talentdesk-subject-access"
VERSION = 1
DATA_NAME = "data.json"
REPORT_NAME = "report.html"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    candidate_id: int
    name: str
    tables: int  # tables with at least one row
    rows: int


def to_json(data: PersonData, now: datetime) -> dict[str, object]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "candidate_id": data.candidate_id,
        "name": data.name,
        "tables": data.tables,
        "labels": {
            table: {str(i): row for i, row in rows.items()} for table, rows in data.labels.items()
        },
    }


def default_file_name(name: str, candidate_id: int, now: datetime) -> str:
    """`data-of-anna-nowak-2026-11-25.zip`: letters and digits of the name only."""
    words = "".join(ch if ch.isalnum() else " " for ch in name.casefold()).split()
    slug = "-".join(words)[:60] or f"candidate-{candidate_id}"
    return f"data-of-{slug}-{now.date().isoformat()}.zip"


def export_person(
    open_read: Callable[[], ReadConnection], candidate_id: int, dest: Path, now: datetime
) -> ExportResult:
    """`open_read` opens a read connection of its own (the local file's or a team database's)."""
    conn = open_read()
    try:
        data = read_person(conn, candidate_id)
    finally:
        conn.close()
    write_zip(data, dest, now)
    filled = sum(1 for rows in data.tables.values() if rows)
    return ExportResult(dest, candidate_id, data.name, filled, data.row_count())


def write_zip(data: PersonData, dest: Path, now: datetime) -> None:
    temp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            payload = json.dumps(to_json(data, now), indent=2, ensure_ascii=False, default=str)
            zf.writestr(DATA_NAME, payload)
            zf.writestr(REPORT_NAME, html_report(data, now))
        temp.chmod(0o600)  # personal data: for the user only, as the database is
        temp.replace(dest)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TalentDeskError(
            f"the export could not be written to {dest}: {exc.strerror or exc}.",
            "Choose a folder you can write to, with free space.",
        ) from exc
