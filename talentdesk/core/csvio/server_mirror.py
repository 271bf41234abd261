"""An import into a team database (PostgreSQL) decides its rows as an import into a file does
(csvio/decide.py), against a local copy of the little the decisions read from the server: the
duplicate keys and names of its candidates, its tags and its pools' stages. That copy, the
"mirror", is a private SQLite file beside the stage (csvio/stage.py: the same folder, mode and
name pattern, so a leftover of a killed process is deleted by the next import), opened as
"main" with the stage attached as "stage". Every query of the first phase and of
`move.still_holds` then runs on it unchanged, with SQLite's own semantics: the same decisions
as on a file.

It is filled twice: from one read-only snapshot of the server for the first phase (off the
write path), and again in the final step from the writer's own connection after it has locked
what the decisions depend on (csvio/server_import.py), which is when it is compared.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from talentdesk.core.csvio.stage import BUSY_TIMEOUT_MS, create_tables, new_private_file

# (table, its columns in the mirror, the server's query for them). Types give SQLite's column
# affinity; the rows come in the server's id order, as SQLite's own tables would be read.
TABLES = (
    (
        "candidate",
        "id INTEGER PRIMARY KEY, email TEXT, linkedin_url TEXT, sort_name TEXT, company TEXT",
        "SELECT id, email, linkedin_url, sort_name, company FROM candidate",
    ),
    (
        "candidate_email",
        "id INTEGER PRIMARY KEY, candidate_id INTEGER NOT NULL, email TEXT",
        "SELECT id, candidate_id, email FROM candidate_email",
    ),
    (
        "tag",
        "id INTEGER PRIMARY KEY, name TEXT, category TEXT",
        "SELECT id, name, category FROM tag",
    ),
    (
        "pool_stage",
        "id INTEGER PRIMARY KEY, pool_id INTEGER NOT NULL, position INTEGER",
        "SELECT id, pool_id, position FROM pool_stage",
    ),
)
BATCH = 10_000  # rows a sqlite3 executemany


def _fingerprint_sql() -> str:
    """One row: each mirrored table's row count and the sum of its rows' hashes (NULL hashed
    apart from any text). Equal twice: the mirror would be filled with the same rows."""
    parts = []
    for table, columns, _query in TABLES:
        names = [part.split()[0] for part in columns.split(", ")]
        row = ", ".join(f"coalesce({name}::text, chr(30))" for name in names)
        parts.append(
            f"(SELECT count(*)::text || ':' || coalesce(sum(hashtextextended("
            f"concat_ws(chr(31), {row}), 0)), 0)::text FROM {table})"
        )
    return "SELECT " + ", ".join(parts)


FINGERPRINT = _fingerprint_sql()


def fingerprint(server: Any) -> tuple[str, ...]:
    """What the mirror holds, in a few words (read on the server: a scan, no rows sent)."""
    return tuple(server.execute(FINGERPRINT).fetchone())


class Mirror:
    """The mirror's file (deleted when the block ends, however it ends) and a connection with
    the stage attached (`stage` None: a dry run's anonymous temporary database)."""

    def __init__(self, folder: Path, stage: Path | None) -> None:
        self.path = new_private_file(folder)
        self.filled_from: tuple[str, ...] = ()
        try:
            # Used by the import's thread, then by the writer's for the final step.
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            for setting in ("journal_mode = OFF", "synchronous = OFF"):  # nothing to survive
                self.conn.execute(f"PRAGMA main.{setting}")
            for table, columns, _query in TABLES:
                self.conn.execute(f"CREATE TABLE main.{table} ({columns})")
            self.conn.execute(
                "ATTACH DATABASE ? AS stage", (str(stage) if stage is not None else "",)
            )
            self.conn.execute("PRAGMA stage.journal_mode = OFF")
            self.conn.execute("PRAGMA stage.synchronous = OFF")
            if stage is None:
                create_tables(self.conn)
        except BaseException:
            self.close()
            raise

    def fill(self, server: Any) -> None:
        """Copy the tables from `server` (a psycopg connection, inside its transaction: a
        snapshot, or the writer's under its locks), replacing what the mirror held."""
        self.filled_from = fingerprint(server)
        conn = self.conn
        conn.execute("BEGIN")
        try:
            for table, columns, query in TABLES:
                conn.execute(f"DELETE FROM main.{table}")
                names = [part.split()[0] for part in columns.split(", ")]
                insert = (
                    f"INSERT INTO main.{table} ({', '.join(names)})"
                    f" VALUES ({', '.join('?' * len(names))})"
                )
                for batch in _batches(server, f"{query} ORDER BY id"):
                    conn.executemany(insert, batch)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def begin(self) -> sqlite3.Cursor:
        """A cursor for the first phase, in a transaction of its own (`end` commits it)."""
        cur = self.conn.cursor()
        cur.execute("BEGIN")
        return cur

    def end(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def __enter__(self) -> Mirror:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _batches(server: Any, query: str) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `query`, streamed with COPY (a million candidates never sit in memory)."""
    with server.cursor() as cursor, cursor.copy(f"COPY ({query}) TO STDOUT") as copy:
        batch: list[tuple[Any, ...]] = []
        for row in copy.rows():  # text: SQLite's column affinity makes ids integers again
            batch.append(row)
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch
