"""Exporting candidates to CSV, streamed in chunks through core.files.written_whole: a
cancelled or failed export leaves nothing half-written, and the file cannot land on the
database, in the data folder or on a device, pipe or folder.

Rows are read with plain SQL on the reader connection, CHUNK ids at a time; the multi-valued
fields are aggregated in SQL and joined with "; " in a fixed order: other e-mails as entered,
tags as "category:name" by category then name ("location:Kraków; skill:Java"; a ";" in a name is
written "\\;" and a backslash "\\\\", so the importer splits where the export joined), pools by
name. Stage and Near-fit say where the candidate is in each pool ("Java: Interviewing; QA:
Sourced") and in which pools they are flagged a near fit ("QA"); an export of one pool
(ExportOptions.pool_id) gives that pool's stage ("Interviewing") and "Yes" or "No" instead.
The headers are ones the importer maps back to the same fields, so an export imports back into
another database.

Values: dates ISO (2026-11-25), datetimes ISO 8601 in UTC ("2026-11-25T09:30:00Z", whatever
the machine's time zone), amounts with two decimals ("18000.00"; "18000,00" in the Excel
decimal-comma flavour, where ';' separates the fields), seniority and status by the labels the
window shows ("Lead", "Do not contact"), which the importer reads as it reads the codes.

Spreadsheet-formula protection (CSV injection, as OWASP describes it): a cell that begins with
= + - @ tab, CR or LF is written with a leading apostrophe, which spreadsheets show as text and
do not evaluate. Decided on purpose for every text cell, phone numbers included: unprotected,
"+48 600 100 200" is read by a spreadsheet as a formula or a number, losing the "+" and the
spacing, so it is written "'+48 600 100 200". Plain numbers (salaries, validated ≥ 0) start
with a digit and are left as they are so they stay numbers; a negative one cannot occur, and
would be protected like any other "-" cell. The importer strips the apostrophe again; so that
it can, a value that itself begins with an apostrophe gets one more ("'-" is written "''-").
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from talentdesk.core.csvio.export_sql import SERVER_COLUMN_SQL
from talentdesk.core.csvio.list_cells import escaped_sql
from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import CandidateStatus, LabelledEnum, Seniority
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.files import DataFolder, check_output_path, described, written_whole

# key → header, in the default order.
EXPORT_COLUMNS: dict[str, str] = {
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
    "stage": "Stage",
    "near_fit": "Near-fit",
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
COLUMNS = EXPORT_COLUMNS  # the older name, used by the CLI

# Correlated subqueries; the inner ORDER BY fixes the order group_concat sees. Also the
# benchmark's baseline (bench/csv_import.py), so both compute the same cells.
COLUMN_SQL: dict[str, str] = {
    "other_emails": "(SELECT group_concat(v, '; ') FROM (SELECT e.email AS v"
    " FROM candidate_email e WHERE e.candidate_id = c.id ORDER BY e.id))",
    "tags": "(SELECT group_concat(v, '; ') FROM (SELECT t.category || ':' || "
    f"{escaped_sql('t.name')} AS v"
    " FROM candidate_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.candidate_id = c.id"
    " ORDER BY t.category, t.name))",
    "pools": f"(SELECT group_concat(v, '; ') FROM (SELECT {escaped_sql('p.name')} AS v"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " WHERE m.candidate_id = c.id ORDER BY p.name))",
    "stage": "(SELECT group_concat(v, '; ') FROM (SELECT "
    f"{escaped_sql('p.name')} || ': ' || {escaped_sql('s.name')} AS v"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " JOIN pool_stage s ON s.id = m.stage_id WHERE m.candidate_id = c.id ORDER BY p.name))",
    "near_fit": f"(SELECT group_concat(v, '; ') FROM (SELECT {escaped_sql('p.name')} AS v"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " WHERE m.candidate_id = c.id AND m.near_fit ORDER BY p.name))",
    "last_contact": "c.last_contact_at",
    "created": "c.created_at",
}
# The same two columns in an export of one pool ({pool}: its id, an int formatted in).
ONE_POOL_SQL: dict[str, str] = {
    "stage": f"(SELECT {escaped_sql('s.name')} FROM pool_membership m"
    " JOIN pool_stage s ON s.id = m.stage_id"
    " WHERE m.candidate_id = c.id AND m.pool_id = {pool})",
    "near_fit": "(SELECT CASE WHEN m.near_fit THEN 'Yes' ELSE 'No' END FROM pool_membership m"
    " WHERE m.candidate_id = c.id AND m.pool_id = {pool})",
}
_CHOICES: dict[str, type[LabelledEnum]] = {"seniority": Seniority, "status": CandidateStatus}
_DATETIMES = {"last_contact", "created"}
_AMOUNTS = {"salary_min", "salary_max"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
PROTECTED_STARTS = (*FORMULA_STARTS, "'")
CHUNK = 1000


@dataclass(frozen=True)
class ExportOptions:
    columns: list[str] = field(default_factory=lambda: list(EXPORT_COLUMNS))
    excel: bool = False  # UTF-8 with a BOM, which Excel needs to read UTF-8
    # With excel: ';' between fields and ',' in amounts, as Excel expects in such locales.
    decimal_comma: bool = False
    # An export of this pool: Stage and Near-fit speak of it alone.
    pool_id: int | None = None


@dataclass(frozen=True)
class ExportResult:
    rows: int
    path: Path  # the file written (a link's target)
    cancelled: bool
    link: Path | None = None  # the symbolic link named as the destination, if one was followed

    @property
    def where(self) -> str:
        """The file as a message names it, with the link if one was followed."""
        return described(self.path, self.link)


class _CancelledError(Exception):
    """Raised inside written_whole to drop the temporary file; not an error for the caller."""


def protect_cell(value: str) -> str:
    """The cell as a spreadsheet shows it as text: "'" before = + - @ tab CR LF; and before a
    value that begins with "'" itself, so that the importer, which removes one leading "'"
    before any of these, gives back exactly the value ("'-" is written "''-")."""
    return "'" + value if value.startswith(PROTECTED_STARTS) else value


def export_candidates(
    reader: ReadConnection,
    ids: Iterable[int],
    dest: Path,
    options: ExportOptions,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    data_dir: DataFolder,
) -> ExportResult:
    """Write the candidates `ids` (in that order; ids no longer there are skipped) to `dest`.

    progress(done, total) is called and cancelled() asked once per chunk. Raises a
    TalentDeskError for an unknown column, a destination core.files refuses (checked against
    the data folder `data_dir` before any row is read) or a file that cannot be written;
    `dest` is then left as it was.
    """
    unknown = [c for c in options.columns if c not in EXPORT_COLUMNS]
    if unknown:
        raise TalentDeskError(
            f"Unknown column(s): {', '.join(unknown)}.",
            f"Columns: {', '.join(EXPORT_COLUMNS)}.",
        )
    output = check_output_path(dest, data_dir)
    wanted = list(ids)
    sql = dict(SERVER_COLUMN_SQL if on_server(reader) else COLUMN_SQL)
    if options.pool_id is not None:
        pool = int(options.pool_id)
        sql |= {key: text.format(pool=pool) for key, text in ONE_POOL_SQL.items()}
    select = ", ".join(sql.get(key, f"c.{key}") for key in options.columns)
    comma = options.excel and options.decimal_comma
    encoding = "utf-8-sig" if options.excel else "utf-8"
    done = 0
    try:
        with (
            written_whole(output.target, data_dir) as temp,
            temp.open("w", newline="", encoding=encoding) as fh,
        ):
            out = csv.writer(fh, delimiter=";" if comma else ",")
            out.writerow([EXPORT_COLUMNS[key] for key in options.columns])
            for start in range(0, len(wanted), CHUNK):
                if cancelled is not None and cancelled():
                    raise _CancelledError
                chunk = wanted[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = reader.execute(
                    f"SELECT c.id, {select} FROM candidate c WHERE c.id IN ({marks})", chunk
                )
                by_id = {row[0]: row[1:] for row in rows}
                for candidate_id in chunk:
                    values = by_id.get(candidate_id)
                    if values is not None:
                        out.writerow(_cells(options.columns, values, comma))
                        done += 1
                if progress is not None:
                    progress(start + len(chunk), len(wanted))
    except _CancelledError:
        return ExportResult(done, output.target, cancelled=True, link=output.link)
    return ExportResult(done, output.target, cancelled=False, link=output.link)


def _cells(columns: list[str], values: tuple[object, ...], decimal_comma: bool) -> list[str]:
    cells = []
    for key, value in zip(columns, values, strict=True):
        if value is None:
            cells.append("")
        elif key in _DATETIMES:
            stamp = from_db(value if isinstance(value, datetime) else str(value))
            cells.append(stamp.strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else "")
        elif key in _AMOUNTS:
            cells.append(_amount(value, decimal_comma))
        elif key in _CHOICES:
            cells.append(protect_cell(_label(_CHOICES[key], str(value))))
        else:
            cells.append(protect_cell(str(value)))
    return cells


def _label(enum_type: type[LabelledEnum], value: str) -> str:
    """The label the window shows for a stored value; an unknown value as it is."""
    try:
        return enum_type(value).label
    except ValueError:
        return value


def _amount(value: object, decimal_comma: bool) -> str:
    """Two decimals ("18000.00"). Never fails: an infinite value (stored before 0005 repaired
    such values) is written as an empty cell, and anything that is not a number as text."""
    # SQLite hands NUMERIC back as int or float; str() of a float is its shortest repr.
    try:
        number = Decimal(str(value))
    except InvalidOperation:  # text that SQLite's NUMERIC affinity could not convert
        return protect_cell(str(value))
    if not number.is_finite():
        return ""
    amount = f"{number:.2f}"  # unlike quantize(), no error past 28 digits (a float of 1e308)
    return protect_cell(amount.replace(".", ",") if decimal_comma else amount)
