"""Restoring a backup made before an erasure must not bring the erased people back.

Before the restored copy is written into the live database (core/backups/restore.py), what the
live database knows of its erasures is carried into the copy: its suppression entries, the key
they are hashed with (`app_setting`) and its erasure audit entries (which say which backups
hold erased people). Then everyone in the copy who matches a suppression entry is erased
again, with the same erasure as `ws.erasure` (clean-up included) and an audit entry of its
own. The copy has no write-ahead log (it is in rollback-journal mode), so nothing of theirs
reaches the live database's files.

A backup of another database, with a suppression key of its own, keeps its key and entries:
hashes made with two keys cannot be kept in one table. Its people who match the live
database's entries are still erased (and suppressed again under its key).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, NullPool, create_engine, event, text

from talentdesk.core.backups.names import looks_like_sqlite
from talentdesk.core.db.datetimes import from_db
from talentdesk.core.privacy.backups import ERASED_AGAIN
from talentdesk.core.privacy.erasure import AUDIT_KIND, PEOPLE_SQL, erase_in, people_keys
from talentdesk.core.privacy.suppression import KEY_SETTING, SuppressionList, parse_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LiveErasures:
    """What the database being replaced knows of its erasures."""

    key: str | None  # the stored JSON value of the key
    entries: list[tuple[str, str, str]]  # suppression (kind, key_hash, erased_at)
    audit: list[tuple[str, str, int, str | None]]  # erasure audit entries

    @property
    def suppression(self) -> SuppressionList:
        key = parse_key(self.key)
        return SuppressionList(key, {h: from_db(at) for _k, h, at in self.entries})


def read_live(database: Path) -> LiveErasures | None:
    """None when there is nothing to carry (no erasure yet, or a file that cannot be read)."""
    if not database.is_file() or not looks_like_sqlite(database):
        return None
    try:  # read-only: nothing of a damaged file (or a -wal beside it) may change
        conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT value FROM app_setting WHERE key = ?", (KEY_SETTING,)
            ).fetchone()
            entries = conn.execute("SELECT kind, key_hash, erased_at FROM suppression").fetchall()
            audit = conn.execute(
                "SELECT occurred_at, kind, count, detail FROM audit_entry WHERE kind = ?",
                (AUDIT_KIND,),
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:  # unreadable, or a schema from before erasure existed
        log.info("no erasures to carry from %s: %s", database, exc)
        return None
    if row is None or parse_key(row[0]) is None:
        return None
    return LiveErasures(str(row[0]), entries, audit)


def reapply(live: LiveErasures | None, copy: Path, now: datetime) -> int:
    """Carry `live`'s erasures into `copy` and erase again whoever in it they match; returns
    how many people were erased again."""
    if live is None:
        return 0
    engine = _engine(copy)
    try:
        with engine.begin() as conn:
            same_key = _carry(conn, live)
            # Whose keys match: the copy's own entries too when the key is the live one.
            raw = _raw(conn)
            listing = SuppressionList.read(raw) if same_key else live.suppression
            people = people_keys(raw.execute(PEOPLE_SQL))  # sqlite3's rows: a third faster
            ids = [cid for cid, keys in people.items() if listing.erased_on(keys) is not None]
            if not ids:
                return 0
            # Their mentions in others' records go again too (a backup holds them as they were).
            found = erase_in(conn, ids, now, detail=ERASED_AGAIN, redact=True).ids
        log.info("erased %d people again in the restored copy", len(found))
        return len(found)
    finally:
        engine.dispose()


def _carry(conn: Any, live: LiveErasures) -> bool:
    """Copy the key, the entries and the audit entries; False when the copy has a key of
    its own (then only the audit entries are carried)."""
    own = conn.execute(
        text("SELECT value FROM app_setting WHERE key = :key"), {"key": KEY_SETTING}
    ).scalar()
    own_key = parse_key(own)
    same_key = own_key is None or own_key == parse_key(live.key)
    if same_key:
        conn.execute(
            text(
                "INSERT INTO app_setting (key, value) VALUES (:key, :value)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"key": KEY_SETTING, "value": live.key},
        )
        if live.entries:
            conn.execute(
                text(
                    "INSERT OR IGNORE INTO suppression (kind, key_hash, erased_at)"
                    " VALUES (:kind, :hash, :at)"
                ),
                [{"kind": k, "hash": h, "at": at} for k, h, at in live.entries],
            )
    else:
        log.warning("the restored backup has a suppression key of its own: kept")
    known = {
        (str(r[0]), int(r[1]))
        for r in conn.execute(
            text("SELECT occurred_at, count FROM audit_entry WHERE kind = :kind"),
            {"kind": AUDIT_KIND},
        )
    }
    missing = [
        {"at": at, "kind": kind, "count": count, "detail": detail}
        for at, kind, count, detail in live.audit
        if (str(at), int(count)) not in known
    ]
    if missing:
        conn.execute(
            text(
                "INSERT INTO audit_entry (occurred_at, kind, count, detail)"
                " VALUES (:at, :kind, :count, :detail)"
            ),
            missing,
        )
    return same_key


def _raw(conn: Any) -> sqlite3.Connection:
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _engine(path: Path) -> Engine:
    """An engine on the copy with the cascades on, keeping its rollback journal (no -wal)."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    def connected(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.isolation_level = None
        dbapi.execute("PRAGMA foreign_keys = ON")

    event.listen(engine, "connect", connected)
    event.listen(engine, "begin", lambda c: c.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine
