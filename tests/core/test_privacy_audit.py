"""The audit log: entries newest first, by kind; a restored backup is noted in what it
restored."""

from __future__ import annotations

import pytest

from talentdesk.core.backups.auto import manual_backup
from talentdesk.core.backups.restore import restore
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock


def test_entries_come_newest_first_and_filter_by_kind(ws: Workspace, clock: TravelClock) -> None:
    first = clock.now
    ws.audit.record("export", 1, "one person's data")
    clock.advance(hours=1)
    ws.audit.record("erasure", 3)
    clock.advance(hours=1)
    ws.audit.record("export", 1)
    assert [(e.kind, e.count) for e in ws.audit.entries()] == [
        ("export", 1),
        ("erasure", 3),
        ("export", 1),
    ]
    assert [e.occurred_at for e in ws.audit.entries("export")] == [clock.now, first]
    assert ws.audit.entries("consent") == []
    assert ws.audit.entries()[1].to_json()["kind"] == "erasure"


def test_a_bad_entry_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError):
        ws.audit.record("", 1)
    with pytest.raises(ValidationError):
        ws.audit.record("export", -1)
    assert ws.audit.entries() == []


def test_a_restore_is_noted_in_the_restored_database(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    ws.candidates.create(CandidateRecord("Anna", "Nowak"))
    backup = manual_backup(paths, clock())
    clock.advance(minutes=5)
    ws.audit.record("export", 1)  # after the backup: gone with what the restore replaces
    restore(paths, backup, clock())
    entries = ws.audit.entries()
    assert [(e.kind, e.count, e.occurred_at) for e in entries] == [("restore", 1, clock.now)]
    assert entries[0].detail == f"from {backup.name}"
