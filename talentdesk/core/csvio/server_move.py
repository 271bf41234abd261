"""The final step of an import into a team database (PostgreSQL): what csvio/move.py does on a
file, written from the local stage into the server in the writer's one transaction (an error,
a cancel or a lost connection leaves the server as it was).

- New tags are inserted one by one (a file names a few); changes to existing candidates go
  through the ORM as on a file (csvio/updates.py), with the server's triggers in place.
- The new candidates, their e-mails, tags and pool membership, the consent records and the
  import's links go in with COPY. Their ids are reserved in one block past both the largest id
  and the id sequence (the caller has locked the candidates: nobody else inserts meanwhile),
  so they are the stage's numbers as on a file.
- The search index (migration 0014) is kept by row triggers that rebuild a candidate's row
  for each of its e-mails and tags: while the new rows go in they are disabled, and the rows
  are made once, set-wise, by the index's own function. ENABLE/DISABLE TRIGGER takes the
  same SHARE ROW EXCLUSIVE lock the import holds anyway (others read on, and DDL is
  transactional: a rollback enables them again). Only the tables' owner may; anyone else's
  import leaves the triggers to do it, row by row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.orm import Session

from talentdesk.core.csvio.import_record import ImportSource
from talentdesk.core.csvio.memberships import QmarkCursor
from talentdesk.core.csvio.move import join_pools
from talentdesk.core.csvio.options import ImportConsent, ImportOptions
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.csvio.updates import apply_updates
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import ConsentPurpose
from talentdesk.core.db.models_imports import ImportRecord
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.privacy.consent import default_expiry
from talentdesk.core.records import PLAIN_FIELDS

# How the first phase stages values on a server: as on a file (SQLite's own binds), so that
# the stage is read back the same way (csvio/updates.py) and COPY takes its text as it is.
STAGE_DIALECT = SQLiteDialect_pysqlite()
CHECK_EVERY = 10_000  # rows copied between cancel checks
SEARCH_TRIGGERS = (
    ("trg_candidate_fts", "candidate"),
    ("trg_candidate_email_fts", "candidate_email"),
    ("trg_candidate_tag_fts", "candidate_tag"),
)
_NEW = "FROM stage.record WHERE sid IS NOT NULL ORDER BY rid"
_CONSENT = (
    "consent (candidate_id, legal_basis, status, purpose, vacancy_id, given_at, source,"
    " expires_at, created_at)"
)


def move_to_server(
    session: Session,
    cur: sqlite3.Cursor,
    options: ImportOptions,
    stage_id: int | None,
    now: datetime,
    source: ImportSource,
    report: ImportReport,
    cancelled: Callable[[], bool] | None,
    owner_id: int | None,
) -> int:
    """Write what the stage (`cur`, the mirror's connection) holds into the server through
    `session`'s connection; returns the import record's id."""
    raw = _driver(session)
    label = f"importing {source.file_name}"
    tag_ids = _tags(cur, raw)
    apply_updates(session, cur, STAGE_DIALECT, options, stage_id, now, tag_ids)
    _check(cancelled, label)
    (count,) = cur.execute("SELECT count(*) FROM stage.record WHERE sid IS NOT NULL").fetchone()
    base = _reserve_ids(raw, int(count))
    copy = _Copier(raw, cancelled, label)
    if count:
        held = hold_search(raw)
        _insert_new(cur, copy, options, stage_id, to_db(now), base, owner_id)
        if held:
            raw.execute(
                "SELECT talentdesk_search_refresh("
                "ARRAY(SELECT generate_series(%s::bigint, %s::bigint)))",
                (base + 1, base + count),
            )
            release_search(raw)
    _consent(session, cur, copy, options.consent, base, now)
    join_pools(cur, options, now, base, into=QmarkCursor(raw))
    import_id = _record(session, cur, copy, source, report, now, base)
    _check(cancelled, label)
    return import_id


def _driver(session: Session) -> Any:
    """The psycopg connection under `session` (the writer's)."""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    return raw


def _check(cancelled: Callable[[], bool] | None, label: str) -> None:
    if cancelled is not None and cancelled():
        raise CancelledError(label)


class _Copier:
    """COPY … FROM STDIN of rows read from the stage, asking `cancelled` as it goes."""

    def __init__(self, raw: Any, cancelled: Callable[[], bool] | None, label: str) -> None:
        self._raw, self._cancelled, self._label = raw, cancelled, label

    def __call__(self, target: str, rows: Iterable[Sequence[Any]]) -> int:
        done = 0
        with self._raw.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
            for done, row in enumerate(rows, start=1):
                copy.write_row(row)
                if done % CHECK_EVERY == 0:
                    _check(self._cancelled, self._label)
        return done


def _tags(cur: sqlite3.Cursor, raw: Any) -> dict[int, int]:
    """Create the import's new tags (in the order the file named them); every staged tag's id
    on the server, also kept in the stage connection's temp.import_tag."""
    ids: dict[int, int] = {}
    staged = "SELECT tsid, category, name, live_id FROM stage.tag_ref ORDER BY tsid"
    for tsid, category, name, live_id in cur.execute(staged).fetchall():
        if live_id is None:
            (live_id,) = raw.execute(
                "INSERT INTO tag (name, category) VALUES (%s, %s) RETURNING id", (name, category)
            ).fetchone()
        ids[int(tsid)] = int(live_id)
    cur.execute("DROP TABLE IF EXISTS temp.import_tag")
    cur.execute("CREATE TEMP TABLE import_tag (tsid INTEGER PRIMARY KEY, id INTEGER NOT NULL)")
    cur.executemany("INSERT INTO temp.import_tag (tsid, id) VALUES (?, ?)", ids.items())
    return ids


def _reserve_ids(raw: Any, count: int) -> int:
    """The id the new candidates' are added to (base + 1 … base + count), past both the
    largest id and the sequence, which is moved past the block."""
    (sequence,) = raw.execute("SELECT pg_get_serial_sequence('candidate', 'id')").fetchone()
    (top,) = raw.execute("SELECT coalesce(max(id), 0) FROM candidate").fetchone()
    last, called = raw.execute(f"SELECT last_value, is_called FROM {sequence}").fetchone()
    base = max(int(top), int(last) if called else int(last) - 1)
    if count:
        raw.execute("SELECT setval(%s, %s)", (sequence, base + count))
    return base


def release_search(raw: Any) -> None:
    for trigger, table in SEARCH_TRIGGERS:
        raw.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")


def hold_search(raw: Any) -> bool:
    """Disable the search index's row triggers (until `release_search`, or a rollback), if
    this login may; returns whether it did."""
    tables = [table for _trigger, table in SEARCH_TRIGGERS]
    (owned,) = raw.execute(
        "SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM pg_class c"
        " WHERE c.oid = ANY(%s::regclass[])",
        (tables,),
    ).fetchone()
    (present,) = raw.execute(
        "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
        " AND tgname = ANY(%s)",
        ([trigger for trigger, _table in SEARCH_TRIGGERS],),
    ).fetchone()
    if not owned or present != len(SEARCH_TRIGGERS):
        return False
    for trigger, table in SEARCH_TRIGGERS:
        raw.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
    return True


def _insert_new(
    cur: sqlite3.Cursor,
    copy: _Copier,
    options: ImportOptions,
    stage_id: int | None,
    now: str,
    base: int,
    owner_id: int | None,
) -> None:
    """The new candidates (`owner_id`'s) with their e-mails, tags and pool membership."""
    fields = ", ".join(PLAIN_FIELDS)
    copy(
        f"candidate (id, {fields}, sort_name, created_at, updated_at, owner_id)",
        cur.execute(
            f"SELECT ? + sid, {fields}, sort_name, ?, ?, ? {_NEW}", (base, now, now, owner_id)
        ),
    )
    copy(
        "candidate_email (candidate_id, email)",
        cur.execute(
            "SELECT ? + sid, email FROM stage.record_email WHERE sid IS NOT NULL ORDER BY rowid",
            (base,),
        ),
    )
    copy(
        "candidate_tag (candidate_id, tag_id)",
        cur.execute(
            "SELECT ? + r.sid, t.id FROM stage.record r JOIN stage.tag_set s USING (tag_set)"
            " JOIN temp.import_tag t USING (tsid)"
            " WHERE r.sid IS NOT NULL AND r.tag_set > 0 ORDER BY r.rid, s.position",
            (base,),
        ),
    )
    if options.pool_id is not None and stage_id is not None:
        copy(
            "pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at)",
            cur.execute(
                f"SELECT ? + sid, ?, ?, 0, ? {_NEW}", (base, options.pool_id, stage_id, now)
            ),
        )


def _consent(
    session: Session,
    cur: sqlite3.Cursor,
    copy: _Copier,
    consent: ImportConsent | None,
    base: int,
    now: datetime,
) -> None:
    """csvio/consent_rows.py on a server: a record for each new candidate and for each one
    the file updated who had none, and one audit entry counting them."""
    if consent is None:
        return
    at = to_db(now)
    ends = default_expiry(session, consent.basis, now)
    vacancy = consent.vacancy_id if consent.purpose is ConsentPurpose.VACANCY else None
    source = (consent.source or "").strip()[:200] or None
    values = (consent.basis.value, "given", consent.purpose.value, vacancy, at, source,
              None if ends is None else to_db(ends), at)  # fmt: skip
    targets = [row[0] for row in cur.execute(
        "SELECT DISTINCT target FROM stage.record WHERE sid IS NULL AND target IS NOT NULL"
        " ORDER BY target"
    )]  # fmt: skip
    raw = _driver(session)
    bare = [
        cid
        for (cid,) in raw.execute(
            "SELECT t.id FROM unnest(%s::integer[]) WITH ORDINALITY t(id, n) WHERE NOT EXISTS"
            " (SELECT 1 FROM consent k WHERE k.candidate_id = t.id) ORDER BY t.n",
            (targets,),
        )
    ]
    new = cur.execute(f"SELECT ? + sid {_NEW}", (base,))
    added = copy(_CONSENT, ((cid, *values) for cid in [*(r[0] for r in new), *bare]))
    if added:
        detail = f"given: {consent.basis.value} / {consent.purpose.value} (import)"
        raw.execute(
            "INSERT INTO audit_entry (occurred_at, kind, count, detail)"
            " VALUES (%s, 'consent', %s, %s)",
            (at, added, detail),
        )


def _record(
    session: Session,
    cur: sqlite3.Cursor,
    copy: _Copier,
    source: ImportSource,
    report: ImportReport,
    now: datetime,
    base: int,
) -> int:
    """csvio/import_record.py on a server: the record, linked to everyone it created or
    updated."""
    record = ImportRecord(
        file_name=source.file_name,
        imported_at=now,
        preset=source.preset,
        mapping=source.mapping,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
        pool_id=source.pool_id,
    )
    session.add(record)
    session.flush()
    import_id = int(record.id)
    session.expunge(record)
    copy(
        "import_person (candidate_id, import_id, created)",
        cur.execute(
            "SELECT ? + sid, ?, 1 FROM stage.record WHERE sid IS NOT NULL UNION ALL"
            " SELECT DISTINCT target, ?, 0 FROM stage.record WHERE target IS NOT NULL",
            (base, import_id, import_id),
        ),
    )
    return import_id
