"""The record an import leaves (core/db/models_imports.py): written by the final step, in the
same transaction as the people, with the links set-wise (INSERT … SELECT from the stage)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from talentdesk.core.csvio.report import ImportReport


@dataclass(frozen=True)
class ImportSource:
    """What the record says about the import besides its counts."""

    file_name: str
    preset: str | None
    mapping: dict[str, str]  # the file's column name → the field it was read into
    pool_id: int | None


def write_record(
    cur: sqlite3.Cursor, source: ImportSource, report: ImportReport, now: str, base: int
) -> int:
    """The import's record, and a link to everyone it created (ids `base` + sid) or updated;
    returns the record's id."""
    cur.execute(
        "INSERT INTO main.import_record (file_name, imported_at, preset, mapping, created,"
        " updated, skipped, pool_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source.file_name,
            now,
            source.preset,
            json.dumps(source.mapping, ensure_ascii=False),
            report.created,
            report.updated,
            report.skipped,
            source.pool_id,
        ),
    )
    import_id = cur.lastrowid
    assert import_id is not None
    cur.execute(
        "INSERT INTO main.import_person (candidate_id, import_id, created)"
        " SELECT ? + sid, ?, 1 FROM stage.record WHERE sid IS NOT NULL ORDER BY rid",
        (base, import_id),
    )
    cur.execute(
        "INSERT OR IGNORE INTO main.import_person (candidate_id, import_id, created)"
        " SELECT target, ?, 0 FROM stage.record WHERE target IS NOT NULL ORDER BY target",
        (import_id,),
    )
    return import_id
