"""Exporting candidates to CSV, streamed in chunks, written to a temporary file and renamed at
the end so a cancelled or failed export leaves nothing half-written.

Spreadsheet-formula protection (CSV injection): a cell that begins with = + - @ tab, CR or LF
is written with a leading apostrophe, which spreadsheets show as text and do not evaluate.
That includes phone numbers in the "+48 600 …" form: unprotected, Excel reads them as a formula
or a number and loses the "+" and the spacing. Plain numbers (salaries, stored ≥ 0) are left
as they are so they stay numbers in the spreadsheet.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.errors import TalentDeskError

# key → header; the headers are ones the importer maps back to the same fields.
COLUMNS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "E-mail",
    "other_emails": "Other e-mails",
    "phone": "Phone",
    "city": "City",
    "country": "Country",
    "title": "Title",
    "company": "Company",
    "seniority": "Seniority",
    "industry": "Industry",
    "linkedin_url": "LinkedIn",
    "source": "Source",
    "status": "Status",
    "tags": "Tags",
    "pools": "Pools",
    "salary_min": "Salary min",
    "salary_max": "Salary max",
    "salary_currency": "Salary currency",
    "notice_period": "Notice period",
    "available_from": "Available from",
    "birthday": "Birthday",
    "notes": "Notes",
    "last_contact": "Last contact",
    "created": "Created",
}
_SQL: dict[str, str] = {
    "other_emails": "(SELECT group_concat(e.email, '; ') FROM candidate_email e"
    " WHERE e.candidate_id = c.id)",
    "tags": "(SELECT group_concat(t.category || ':' || t.name, '; ') FROM candidate_tag ct"
    " JOIN tag t ON t.id = ct.tag_id WHERE ct.candidate_id = c.id)",
    "pools": "(SELECT group_concat(p.name || ': ' || s.name, '; ') FROM pool_membership m"
    " JOIN pool p ON p.id = m.pool_id JOIN pool_stage s ON s.id = m.stage_id"
    " WHERE m.candidate_id = c.id)",
    "last_contact": "c.last_contact_at",
    "created": "c.created_at",
}
_DATETIMES = {"last_contact", "created"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CHUNK = 1000


@dataclass(frozen=True)
class ExportOptions:
    columns: list[str] = field(default_factory=lambda: list(COLUMNS))
    excel: bool = False  # UTF-8 with a BOM, which Excel needs to read UTF-8
    decimal_comma: bool = False  # with excel: ';' between fields, as Excel expects there


@dataclass(frozen=True)
class ExportResult:
    rows: int
    path: Path
    cancelled: bool


def protect_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_candidates(
    reader: sqlite3.Connection,
    ids: Iterable[int],
    dest: Path,
    options: ExportOptions,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    unknown = [c for c in options.columns if c not in COLUMNS]
    if unknown:
        raise TalentDeskError(
            f"Unknown column(s): {', '.join(unknown)}.", f"Columns: {', '.join(COLUMNS)}."
        )
    wanted = list(ids)
    select = ", ".join(_SQL.get(key, f"c.{key}") for key in options.columns)
    delimiter = ";" if options.excel and options.decimal_comma else ","
    temp = dest.with_name(f".{dest.name}.part")
    done = 0
    try:
        with temp.open("w", newline="", encoding="utf-8-sig" if options.excel else "utf-8") as fh:
            out = csv.writer(fh, delimiter=delimiter)
            out.writerow([COLUMNS[key] for key in options.columns])
            for start in range(0, len(wanted), CHUNK):
                if cancelled is not None and cancelled():
                    temp.unlink(missing_ok=True)
                    return ExportResult(done, dest, cancelled=True)
                chunk = wanted[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = reader.execute(
                    f"SELECT c.id, {select} FROM candidate c WHERE c.id IN ({marks})", chunk
                )
                by_id = {row[0]: row[1:] for row in rows}
                for candidate_id in chunk:
                    values = by_id.get(candidate_id)
                    if values is not None:
                        out.writerow(_cells(options.columns, values))
                        done += 1
                if progress is not None:
                    progress(min(start + CHUNK, len(wanted)), len(wanted))
        temp.replace(dest)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TalentDeskError(
            f"{dest} cannot be written ({exc.strerror or type(exc).__name__}).",
            "Choose another folder or file name.",
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return ExportResult(done, dest, cancelled=False)


def _cells(columns: list[str], values: tuple[object, ...]) -> list[str]:
    cells = []
    for key, value in zip(columns, values, strict=True):
        if value is None:
            cells.append("")
        elif key in _DATETIMES:
            stamp = from_db(str(value))
            cells.append(stamp.strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else "")
        elif isinstance(value, float):
            cells.append(f"{value:.2f}")
        else:
            cells.append(protect_cell(str(value)))
    return cells
