"""The reminders TalentDesk keeps itself (check-ins, feedback owed, birthdays) before and after
a bulk action re-judged them, recorded so that undo puts back the very rows: same ids, due
times, snoozes and announcements, not a fresh set made again."""

from __future__ import annotations

from talentdesk.core.bulk.db import BulkDb
from talentdesk.core.bulk.ids import TABLE
from talentdesk.core.bulk.journal import Deleted, Inserted, Journal, Row, Updated, select_rows

_OPEN_GENERATED = (
    "SELECT * FROM reminder WHERE done_at IS NULL AND origin != 'manual'"
    f" AND candidate_id IN (SELECT id FROM {TABLE})"
)


def open_generated(db: BulkDb) -> dict[int, Row]:
    """The open generated reminders of the candidates in scope, by id."""
    return {row["id"]: row for row in select_rows(db, _OPEN_GENERATED)}


def record(db: BulkDb, before: dict[int, Row], journal: Journal) -> None:
    """What the re-judging changed, into the journal (removed, moved, made)."""
    after = open_generated(db)
    journal.add(Deleted("reminder", [row for i, row in before.items() if i not in after]))
    moved = [row for i, row in before.items() if i in after and after[i] != row]
    if moved:
        columns = tuple(c for c in moved[0] if c != "id")
        rows = [(row["id"], *(row[c] for c in columns)) for row in moved]
        journal.add(Updated("reminder", ("id",), columns, rows))
    journal.add(Inserted("reminder", ("id",), [(i,) for i in after if i not in before]))
