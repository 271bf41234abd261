"""Deleting the people an import created, set-wise and in chunks (core/imports/service.py).

A plain `DELETE FROM candidate` over 20,000 imported people took about 7 s: each deleted
person, and each of their tag links and e-mails deleted by cascade, fired the search index's
triggers, which take the person's row out of the index and put it back (db/triggers.py) once
per link, and the metrics summaries' trigger (db/summary.py) once per person. As the importer
does when it moves its rows in (csvio/bulk.py), those triggers are held back here: their work
is done once per chunk, set-wise (the search rows leave the index while the view still shows
them, then the summaries' rows, the rows that point at the people, the people), and the
triggers are created again from their own stored SQL. DDL is transactional in SQLite: a
cancel or an error rolls the triggers back in with everything else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from talentdesk.core.db.summary import week_of
from talentdesk.core.db.triggers import SEARCH_COLUMNS, forget_rows, search_source
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.folding import FOLD_V1

Progress = Callable[[int, int], None]  # people deleted so far, of how many
Cancelled = Callable[[], bool]

CHUNK = 2_000  # people per step: progress and cancel are heard between steps

# The triggers whose work is done here set-wise (the others stay: untouched people have no
# timeline entries, applications or e-mails sent for them to fire on).
HELD = (
    "trg_candidate_fts_delete",
    "trg_candidate_email_fts_delete_before",
    "trg_candidate_email_fts_delete_after",
    "trg_candidate_tag_fts_delete_before",
    "trg_candidate_tag_fts_delete_after",
    "trg_candidate_metrics_summary_delete",
)
_CHUNK_IDS = "SELECT id FROM temp.import_undo WHERE id BETWEEN ? AND ?"


def remove_created(
    cur: sqlite3.Cursor,
    import_id: int,
    label: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Delete everyone import `import_id` created, inside the caller's transaction (foreign
    keys on); returns how many. A cancel raises CancelledError: the caller rolls back."""
    cur.execute("DROP TABLE IF EXISTS temp.import_undo")
    cur.execute("CREATE TEMP TABLE import_undo (id INTEGER PRIMARY KEY)")
    cur.execute(
        "INSERT INTO temp.import_undo (id) SELECT candidate_id FROM main.import_person"
        " WHERE import_id = ? AND created = 1 ORDER BY candidate_id",
        (import_id,),
    )
    ids = [row[0] for row in cur.execute("SELECT id FROM temp.import_undo ORDER BY id")]
    total, done = len(ids), 0
    children = _children(cur)
    forget = _forgetting(cur)
    held = _hold(cur)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, CHUNK):
        if cancelled is not None and cancelled():
            raise CancelledError(label)
        bounds = (ids[start], ids[min(start + CHUNK, total) - 1])
        forget(bounds)
        done += _remove_chunk(cur, bounds, children)
        if progress is not None:
            progress(done, total)
    for sql in held:
        cur.execute(sql)
    cur.execute("DROP TABLE temp.import_undo")
    return done


def _remove_chunk(
    cur: sqlite3.Cursor, bounds: tuple[int, int], children: list[tuple[str, str]]
) -> int:
    """One chunk of people out (their search rows already are): the summaries' rows, then
    every row that points at them, then the people."""
    _forget_summaries(cur, bounds)
    for table, column in children:
        cur.execute(f"DELETE FROM main.{table} WHERE {column} IN ({_CHUNK_IDS})", bounds)
    removed = cur.execute(f"DELETE FROM main.candidate WHERE id IN ({_CHUNK_IDS})", bounds)
    return int(removed.rowcount)


def _forget_summaries(cur: sqlite3.Cursor, bounds: tuple[int, int]) -> None:
    """The metrics summaries' rows of the chunk's people, as their trigger takes them out.
    Both summaries are made of timeline entries: people with none (an untouched import's)
    have no rows, and the look for them is skipped (it cost 2 s per 100,000 people)."""
    any_entry = cur.execute(
        f"SELECT 1 FROM main.interaction WHERE candidate_id IN ({_CHUNK_IDS}) LIMIT 1", bounds
    ).fetchone()
    if any_entry is None:
        return
    cur.execute(f"DELETE FROM main.mail_question WHERE candidate_id IN ({_CHUNK_IDS})", bounds)
    cur.execute(
        "DELETE FROM main.contact_week WHERE (week, candidate_id) IN"
        f" (SELECT {week_of('i.occurred_at')}, i.candidate_id FROM main.interaction i"
        f" WHERE i.candidate_id IN ({_CHUNK_IDS}) AND i.kind <> 'note')",
        bounds,
    )


def _forgetting(cur: sqlite3.Cursor) -> Callable[[tuple[int, int]], None]:
    """What takes a chunk's search rows out of the index, before anything of theirs is
    deleted. FTS5 must be given the very text it indexed: `DELETE … WHERE rowid IN` reads it
    back through the view, whose replace() chains (the fold) cost ~100 µs a person. When the
    database's view is the one db/triggers.py knows, its columns are read unfolded and folded
    here (str.translate, the same single-letter replacements), then handed to FTS5's
    'delete' command; any other view is read as it is."""
    view, columns = search_source()
    stored = cur.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'view' AND name = 'candidate_search'"
    ).fetchone()
    if stored is None or stored[0] != view:

        def through_the_view(bounds: tuple[int, int]) -> None:
            cur.execute(forget_rows(_CHUNK_IDS), bounds)

        return through_the_view
    fold = str.maketrans(FOLD_V1)
    read = (
        f"SELECT c.search_key, {', '.join(columns)} FROM main.candidate c"
        f" WHERE c.id IN ({_CHUNK_IDS}) AND EXISTS (SELECT 1 FROM main.candidate_fts_docsize d"
        " WHERE d.id = c.search_key)"
    )
    names = ", ".join(SEARCH_COLUMNS)
    marks = ", ".join("?" * len(SEARCH_COLUMNS))
    delete = (
        f"INSERT INTO main.candidate_fts (candidate_fts, rowid, {names})"
        f" VALUES ('delete', ?, {marks})"
    )

    def folded(bounds: tuple[int, int]) -> None:
        rows = cur.execute(read, bounds).fetchall()
        cur.executemany(delete, ((row[0], *(v.translate(fold) for v in row[1:])) for row in rows))

    return folded


def _children(cur: sqlite3.Cursor) -> list[tuple[str, str]]:
    """(table, column) of every row deleted along with its candidate (ON DELETE CASCADE):
    deleted set-wise before the people, which leaves the cascades nothing to do."""
    tables = [
        name
        for (name,) in cur.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name <> 'candidate'"
            " AND sql LIKE '%REFERENCES%candidate%'"
        ).fetchall()
    ]
    found = []
    for table in tables:
        for fk in cur.execute(f"PRAGMA main.foreign_key_list('{table}')").fetchall():
            _id, _seq, parent, column, _to, _on_update, on_delete = fk[:7]
            if parent == "candidate" and on_delete == "CASCADE":
                found.append((table, column))
    return found


def _hold(cur: sqlite3.Cursor) -> list[str]:
    """Drop the HELD triggers; returns the SQL that creates them again."""
    marks = ", ".join("?" * len(HELD))
    held = cur.execute(
        f"SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        HELD,
    ).fetchall()
    for name, _sql in held:
        cur.execute(f"DROP TRIGGER main.{name}")
    return [sql for _name, sql in held]
