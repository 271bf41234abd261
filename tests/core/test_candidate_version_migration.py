"""Migration 0016 gives every candidate of an older database (a file, or a team database on a
server) a version, 1, from which the edit forms' checks start; a downgrade takes it away."""

from __future__ import annotations

from datetime import UTC

import pytest

from talentdesk.core.edit_conflict import EditConflictError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.core.downgraded import columns_below
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def test_an_older_database_gets_versions_from_1(ws: Workspace) -> None:
    paths, clock = ws.paths, ws.clock
    anna = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
    jan = ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak"))
    ws.candidates.update(anna, _renamed(ws, anna))  # at version 2, until the downgrade
    ws.close()
    assert "version" not in columns_below(paths, "0016", "candidate")

    again = Workspace.open(paths, clock, tz=UTC)  # upgrades to the head
    try:
        assert [again.candidates.get(i).version for i in (anna, jan)] == [1, 1]
        stale = again.candidates.get(anna)
        fresh = again.candidates.get(anna)
        fresh.city = "Gdańsk"
        assert again.candidates.update(anna, fresh).version == 2
        stale.city = "Poznań"
        with pytest.raises(EditConflictError):
            again.candidates.update(anna, stale)
    finally:
        again.close()


def _renamed(ws: Workspace, candidate_id: int) -> CandidateRecord:
    record = ws.candidates.get(candidate_id)
    record.first_name = "Ania"
    return record
