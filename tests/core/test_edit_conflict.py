"""No lost updates (issue 18): two recruiters, two workspaces on the same database (the same
SQLite file, or the same PostgreSQL database over two engines); the second save from a stale
form is refused, the database keeps the first, and the conflict says what differs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import text

from talentdesk.core.db.enums import InteractionKind, TagCategory
from talentdesk.core.edit_conflict import EditConflictError, resave
from talentdesk.core.ops.jobs import Waiting
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)
from tests.polling import poll

ANNA = CandidateRecord(first_name="Anna", last_name="Kowalska", city="Kraków", title="Developer")


@pytest.fixture
def colleague(ws: Workspace, tmp_path: Path) -> Iterator[Workspace]:
    """A second recruiter: another workspace (its own engine and writer) on the same database."""
    url = ws.paths.database_url
    paths = ws.paths if url is None else AppPaths(tmp_path / "colleague").with_database_url(url)
    other = Workspace.open(paths, ws.clock, tz=UTC)
    yield other
    other.close()


def _stored(ws: Workspace, candidate_id: int) -> tuple[object, ...]:
    with written_outside(ws.paths.database) as db:
        row = db.execute(
            text("SELECT city, title, notes, version FROM candidate WHERE id = :id"),
            {"id": candidate_id},
        ).one()
    return tuple(row)


def test_the_second_stale_save_is_refused_and_the_first_kept(
    ws: Workspace, colleague: Workspace
) -> None:
    cid = ws.candidates.create(ANNA)
    mine, theirs = ws.candidates.get(cid), colleague.candidates.get(cid)
    assert mine.version == theirs.version == 1
    theirs.city = "Gdańsk"
    assert colleague.candidates.update(cid, theirs).version == 2
    mine.title = "Senior Developer"
    with pytest.raises(EditConflictError) as refused:
        ws.candidates.update(cid, mine)
    assert _stored(ws, cid) == ("Gdańsk", "Developer", None, 2)  # the first save, untouched
    conflict = refused.value
    assert "Someone else changed Anna Kowalska while you were editing" in str(conflict)
    shown = {d.label: (d.theirs, d.yours) for d in conflict.differences}
    assert shown == {
        "City": ("Gdańsk", "Kraków"),
        "Current title": ("Developer", "Senior Developer"),
    }
    assert conflict.theirs.version == 2
    # "Keep mine": saved over theirs, knowingly, with the version they saved at.
    assert ws.candidates.update(cid, resave(conflict)).version == 3
    assert _stored(ws, cid) == ("Kraków", "Senior Developer", None, 3)


def test_a_save_that_names_no_version_checks_nothing(ws: Workspace, colleague: Workspace) -> None:
    cid = ws.candidates.create(ANNA)
    theirs = colleague.candidates.get(cid)
    theirs.city = "Gdańsk"
    colleague.candidates.update(cid, theirs)
    blind = CandidateRecord(first_name="Anna", last_name="Kowalska", city="Poznań")
    assert ws.candidates.update(cid, blind).version == 3


def test_only_what_the_form_shows_moves_the_version(ws: Workspace) -> None:
    cid = ws.candidates.create(ANNA)
    same = ws.candidates.get(cid)
    assert ws.candidates.update(cid, same).version == 1  # saved unchanged: not a change
    tagged = ws.candidates.get(cid)
    tagged.tags = [TagRef(TagCategory.SKILL, "Java")]
    assert ws.candidates.update(cid, tagged).version == 2  # tags alone are a change
    several = ws.candidates.get(cid)
    several.first_name, several.other_emails = "Ania", ["ania@example.org"]
    several.tags = []
    assert ws.candidates.update(cid, several).version == 3  # one save: one step
    ws.interactions.log(cid, InteractionKind.CALL, subject="Called")  # not on the form
    assert ws.candidates.get(cid).version == 3


def test_a_save_waiting_for_a_colleagues_unfinished_save_is_refused_after_it(
    ws: Workspace, colleague: Workspace, backend: str
) -> None:
    """Two transactions at once: the colleague's save holds the row; ours waits for it, then
    finds the version moved on (never writes over it)."""
    cid = ws.candidates.create(ANNA)
    stale = ws.candidates.get(cid)
    stale.notes = "call after the summer"
    outcome: list[BaseException | None] = []
    heard: list[Waiting | None] = []  # SQLite: the colleague's writer waits for the file
    colleague.writer.add_wait_listener(heard.append)
    with written_outside(ws.paths.database) as db:
        db.execute(
            text("UPDATE candidate SET city = 'Gdańsk', version = version + 1 WHERE id = :id"),
            {"id": cid},
        )
        worker = threading.Thread(target=lambda: outcome.append(_save(colleague, cid, stale)))
        worker.start()
        _until(lambda: _waiting(backend, ws, heard), "the second save to wait for the first")
    worker.join(timeout=60)
    assert isinstance(outcome[0], EditConflictError)
    assert [d.field for d in outcome[0].differences] == ["city", "notes"]
    assert _stored(ws, cid) == ("Gdańsk", "Developer", None, 2)


def _save(ws: Workspace, candidate_id: int, record: CandidateRecord) -> BaseException | None:
    try:
        ws.candidates.update(candidate_id, record)
    except EditConflictError as refused:
        return refused
    return None


def _waiting(backend: str, ws: Workspace, heard: list[Waiting | None]) -> bool:
    if backend == "postgresql":  # a server backend waiting for our row lock
        with written_outside(ws.paths.database) as probe:
            found = probe.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    " AND datname = current_database()"
                )
            ).scalar()
        return bool(found)
    return any(w is not None for w in heard)


def _until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    """Another connection's state (a lock waited on): nothing to wait on but polling."""
    if not poll(condition, seconds=timeout, every=0.02):
        raise AssertionError(f"timed out waiting for {what}")
