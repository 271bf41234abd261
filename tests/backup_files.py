"""Database files for backup, restore and diagnosis tests: damaged, foreign, older, newer."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import upgrade


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def first_names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT first_name FROM candidate ORDER BY id")]
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def empty_an_index(path: Path, index: str = "ix_candidate_email") -> None:
    """Damage `path` (not in WAL use) the way a bad disk sector would: `index` loses every
    entry while its table keeps its rows, so the integrity check lists each missing row."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size
    # An empty index leaf page: type 0x0a, no free blocks, no cells, content at the page's end.
    empty = bytes([0x0A, 0, 0, 0, 0]) + page_size.to_bytes(2, "big")
    data[offset : offset + page_size] = empty.ljust(page_size, b"\0")
    path.write_bytes(bytes(data))


def damage_the_schema(path: Path) -> None:
    """Garbage over the table list on page 1 (the file header stays): "malformed"."""
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))


def another_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()


def from_a_newer_version(path: Path) -> None:
    """A TalentDesk database stamped with a schema this version does not know."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def at_revision(path: Path, revision: str) -> None:
    """Create or migrate the database at `path` to schema `revision`."""
    engine = make_engine(path)
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            upgrade(conn, revision)
    engine.dispose()


def old_database(path: Path, revision: str, first_name: str) -> None:
    """A database at an older schema `revision` holding one candidate."""
    at_revision(path, revision)
    conn2 = sqlite3.connect(path)
    conn2.execute(
        "INSERT INTO candidate (first_name, last_name, relationship_kind, status, created_at,"
        " updated_at) VALUES (?, 'Old', 'none', 'passive', '2020-01-01 00:00:00.000000',"
        " '2020-01-01 00:00:00.000000')",
        (first_name,),
    )
    conn2.execute("PRAGMA journal_mode = DELETE")
    conn2.commit()
    conn2.close()
