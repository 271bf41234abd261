"""The final step of an import, the only one that holds the write lock: inside one operation on
the write path, with the stage ATTACHed as "stage", check that what the first phase decided
against still holds, then move the staged rows in with INSERT … SELECT. All of it is one
transaction: an error or a cancel leaves the database as it was.

The first phase decided against a snapshot. If anyone committed since (`changed`), the
decisions stand only if the database still gives the same answers to every question the import
asked: who has each of the file's duplicate keys, who shares a new candidate's name and
company, which tags exist, which stage a pool starts with. If one answer differs (another
TalentDesk added the same e-mail meanwhile), the import decides again inside the same
operation, under the lock, before anything is written (csvio/importer.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Dialect
from sqlalchemy.orm import Session

from talentdesk.core.csvio.bulk import KEY_SOURCES, NAME_KEY, Triggers, key_functions
from talentdesk.core.csvio.bulk_writing import bulk_writing
from talentdesk.core.csvio.consent_rows import record_consent
from talentdesk.core.csvio.decide import Plan, first_stage
from talentdesk.core.csvio.import_record import ImportSource, write_record
from talentdesk.core.csvio.memberships import Membership, MembershipWriter, QmarkCursor
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.csvio.stage_rows import find_tag
from talentdesk.core.csvio.updates import apply_updates
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.search_order import keys_of
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.records import PLAIN_FIELDS

# A new candidate's search row as the search view shows it (db/triggers.py), from the staged
# record: its own columns where the stage has no search_* text (csvio/stage_rows.py).
SEARCH_ROW = (
    "coalesce(r.search_name, r.first_name || ' ' || r.last_name),"
    " coalesce(r.search_email, coalesce(r.email, '') || ' '),"
    " coalesce(r.search_title, r.title, ''), coalesce(r.search_company, r.company, ''),"
    " coalesce(r.search_city, r.city, ''), coalesce(n.names, ''),"
    " coalesce(r.search_notes, r.notes, '')"
)


def still_holds(cur: sqlite3.Cursor, options: ImportOptions, plan: Plan) -> bool:
    """Whether the database (under the write lock) answers every question of the first phase
    as its snapshot did."""
    key_functions(cur.connection)
    try:
        if first_stage(cur, options) != plan.stage_id:
            return False
        staged = "SELECT category, name, live_id FROM stage.tag_ref"
        for category, name, live_id in cur.execute(staged).fetchall():
            found = find_tag(cur, category, name)
            if found != (None if live_id is None else (live_id, name)):
                return False
        if options.on_duplicate is not OnDuplicate.NEW:
            plan.keys.save_seen(cur)
            if not _same(cur, "known", "SELECT key FROM stage.import_seen", KEY_SOURCES):
                return False
        # bulk.name_key, of the database's candidates and of the new ones staged (the same
        # sort key: sort_key ignores the spaces name_key strips).
        key, has_company = NAME_KEY
        names = ((key, "id", "candidate", has_company),)
        query = f"SELECT {key} FROM stage.record WHERE sid IS NOT NULL AND {has_company}"
        return _same(cur, "names", query, names)
    finally:
        key_functions(cur.connection, on=False)


def _same(
    cur: sqlite3.Cursor, table: str, wanted: str, sources: tuple[tuple[str, str, str, str], ...]
) -> bool:
    """Whether the keys `wanted` map to the same candidates now as in the snapshot's
    stage.import_`table` (the first by id wins, as there)."""
    cur.execute(f"DROP TABLE IF EXISTS temp.import_now_{table}")
    cur.execute(
        f"CREATE TEMP TABLE import_now_{table} (key TEXT PRIMARY KEY, cid INTEGER NOT NULL)"
        " WITHOUT ROWID"
    )
    for key, cid, source, condition in sources:
        cur.execute(
            f"INSERT OR IGNORE INTO temp.import_now_{table} (key, cid) SELECT {key}, {cid}"
            f" FROM main.{source} WHERE {condition} AND {key} IN ({wanted}) ORDER BY id"
        )
    then = f"SELECT key, cid FROM stage.import_{table} WHERE key IN ({wanted})"
    now = f"SELECT key, cid FROM temp.import_now_{table}"
    differs = cur.execute(
        f"SELECT 1 FROM ({now} EXCEPT {then}) UNION ALL SELECT 1 FROM ({then} EXCEPT {now}) LIMIT 1"
    ).fetchone()
    cur.execute(f"DROP TABLE temp.import_now_{table}")
    return differs is None


def move_in(
    session: Session,
    dialect: Dialect,
    options: ImportOptions,
    plan: Plan,
    now: datetime,
    source: ImportSource,
    report: ImportReport,
    cancelled: Callable[[], bool] | None,
    owner_id: int | None = None,
) -> int:
    """Write what the stage holds: new tags, the changes to existing candidates, then the new
    candidates (`owner_id`'s) with their e-mails, tags, pool membership and search rows, the
    consent records of the basis chosen, and the import's record linked to everyone it created
    or updated; returns the record's id."""
    cur = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    with bulk_writing(cur):
        return _moved(
            session, cur, dialect, options, plan, now, source, report, cancelled, owner_id
        )


def _moved(
    session: Session,
    cur: sqlite3.Cursor,
    dialect: Dialect,
    options: ImportOptions,
    plan: Plan,
    now: datetime,
    source: ImportSource,
    report: ImportReport,
    cancelled: Callable[[], bool] | None,
    owner_id: int | None,
) -> int:
    label = f"importing {source.file_name}"
    tag_ids = _tags(cur)
    apply_updates(session, cur, dialect, options, plan.stage_id, now, tag_ids)
    if cancelled is not None and cancelled():
        raise CancelledError(label)
    base = _insert_new(cur, options, plan, to_db(now), owner_id)
    record_consent(cur, options.consent, base, now)
    join_pools(cur, options, now, base)
    import_id = write_record(cur, source, report, to_db(now), base)
    if cancelled is not None and cancelled():
        raise CancelledError(label)
    return import_id


def _tags(cur: sqlite3.Cursor) -> dict[int, int]:
    """Create the import's new tags (ids in the order the file named them); every staged
    tag's id in the database, also kept in temp.import_tag for the inserts."""
    cur.execute(
        "INSERT INTO main.tag (name, category) SELECT name, category FROM stage.tag_ref"
        " WHERE live_id IS NULL ORDER BY tsid"
    )
    cur.execute("DROP TABLE IF EXISTS temp.import_tag")
    cur.execute("CREATE TEMP TABLE import_tag (tsid INTEGER PRIMARY KEY, id INTEGER NOT NULL)")
    cur.execute(
        "INSERT INTO temp.import_tag (tsid, id) SELECT r.tsid, coalesce(r.live_id, t.id)"
        " FROM stage.tag_ref r LEFT JOIN main.tag t"
        " ON r.live_id IS NULL AND t.category = r.category AND t.name = r.name"
    )
    return dict(cur.execute("SELECT tsid, id FROM temp.import_tag").fetchall())


def _insert_new(
    cur: sqlite3.Cursor, options: ImportOptions, plan: Plan, now: str, owner_id: int | None
) -> int:
    """Insert the new candidates; returns the id the first one's was added to."""
    (base,) = cur.execute("SELECT coalesce(max(id), 0) FROM main.candidate").fetchone()
    # Their places in name order (db/search_order.py), inserted with them.
    cur.execute("DROP TABLE IF EXISTS temp.import_key")
    cur.execute("CREATE TEMP TABLE import_key (sid INTEGER PRIMARY KEY, key INTEGER NOT NULL)")
    staged = "SELECT ? + sid AS id, sort_name FROM stage.record WHERE sid IS NOT NULL"
    cur.execute(
        f"INSERT INTO temp.import_key (sid, key) SELECT id - ?, key FROM ({keys_of(staged)})",
        (base, base),
    )
    # New rows in the order of their sid, which grows with rid (stage_rows.py numbers both
    # as it stages): the rowid order, without sorting a temporary copy of every row.
    new = "FROM stage.record WHERE sid IS NOT NULL ORDER BY rid"
    triggers = Triggers(cur)
    triggers.suspend()
    # The CHECKs are `kind IN (…)` lists, which SQLite builds into a lookup table again for
    # every inserted row: a third of the candidate insert. Every such value was bound by
    # SQLAlchemy from the enums in the first phase, so the checks cannot fail.
    cur.execute("PRAGMA ignore_check_constraints = ON")
    try:
        fields = ", ".join(PLAIN_FIELDS)
        cur.execute(
            f"INSERT INTO main.candidate (id, {fields}, sort_name, created_at, updated_at,"
            f" owner_id, search_key) SELECT ? + sid, {fields}, sort_name, ?, ?, ?,"
            f" (SELECT k.key FROM temp.import_key k WHERE k.sid = record.sid) {new}",
            (base, now, now, owner_id),
        )
        cur.execute(
            "INSERT INTO main.candidate_email (candidate_id, email) SELECT ? + sid, email"
            " FROM stage.record_email WHERE sid IS NOT NULL ORDER BY rowid",
            (base,),
        )
        cur.execute(
            "INSERT INTO main.candidate_tag (candidate_id, tag_id) SELECT ? + r.sid, t.id"
            " FROM stage.record r JOIN stage.tag_set s USING (tag_set)"
            " JOIN temp.import_tag t USING (tsid)"
            " WHERE r.sid IS NOT NULL AND r.tag_set > 0 ORDER BY r.rid, s.position",
            (base,),
        )
        if options.pool_id is not None and plan.stage_id is not None:
            cur.execute(
                "INSERT INTO main.pool_membership (candidate_id, pool_id, stage_id, near_fit,"
                f" added_at) SELECT ? + sid, ?, ?, 0, ? {new}",
                (base, options.pool_id, plan.stage_id, now),
            )
    finally:
        cur.execute("PRAGMA ignore_check_constraints = OFF")
    # In key order: FTS5 writes out what it holds whenever a rowid goes down (3× slower).
    cur.execute(
        "INSERT INTO main.candidate_fts (rowid, name, email, title, company, city, tags, notes)"
        f" SELECT k.key, {SEARCH_ROW} FROM stage.record r JOIN temp.import_key k USING (sid)"
        " LEFT JOIN stage.tag_names n USING (tag_set) WHERE r.sid IS NOT NULL ORDER BY k.key"
    )
    triggers.restore()
    cur.execute("DROP TABLE temp.import_tag")
    cur.execute("DROP TABLE temp.import_key")
    return int(base)


def join_pools(
    cur: sqlite3.Cursor,
    options: ImportOptions,
    now: datetime,
    base: int,
    into: QmarkCursor | None = None,
) -> None:
    """Join the pools the rows name, in file order, once every candidate is in (`into`: a
    team database's connection; otherwise the stage's own, the database's)."""
    rows = cur.execute(
        "SELECT r.rid, r.sid, r.target, p.pool, p.stage, p.near_fit FROM stage.record_pool p"
        " JOIN stage.record r USING (rid) ORDER BY p.rowid"
    ).fetchall()
    if not rows:
        return
    members = MembershipWriter(
        cur if into is None else into,
        now,
        options.pool_id,
        options.on_duplicate is OnDuplicate.OVERWRITE,
    )
    joins: dict[int, tuple[int, bool, list[Membership]]] = {}
    for rid, sid, target, pool, stage, near_fit in rows:
        cid, new = (base + sid, True) if sid is not None else (target, False)
        near = None if near_fit is None else bool(near_fit)
        joins.setdefault(rid, (cid, new, []))[2].append(Membership(pool, stage, near))
    for cid, new, memberships in joins.values():
        members.join(cid, memberships, new=new)
