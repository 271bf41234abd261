"""The metrics summaries on a team database (db/server_summary.py): migration 0018 gives an
older one its triggers and fills them from the timeline it holds, and `migrate-to` leaves them
as the local database had them, kept current from then on. (test_metrics_summary.py checks
every kind of write on both backends.)"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from talentdesk.core.db import server_summary
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.db.migrate import downgrade
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.migrate_to import migrate_to
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock

IN, OUT = InteractionKind.EMAIL_IN, InteractionKind.EMAIL_OUT
WEEKS = (
    f"SELECT {server_summary.week_of('occurred_at')}, candidate_id, count(*) FROM interaction"
    " WHERE kind <> 'note' GROUP BY 1, 2 ORDER BY 1, 2"
)


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            return [tuple(row) for row in connection.exec_driver_sql(sql).all()]
    finally:
        engine.dispose()


def _current(url: str) -> list[tuple[object, ...]]:
    """The kept questions, checked against the same computed from scratch (weeks too)."""
    kept = _rows(url, "SELECT * FROM mail_question ORDER BY 1, 2")
    assert kept == _rows(url, f"{server_summary.question_rows('true')} ORDER BY 1, 2")
    assert _rows(url, "SELECT * FROM contact_week ORDER BY 1, 2") == _rows(url, WEEKS)
    return kept


def _timeline(ws: Workspace) -> int:
    """Two e-mails answered by one (48 h from the first), one waiting; a call."""
    cid = ws.candidates.create(CandidateRecord("Ann", "Lee", "ann@example.com"))
    for kind, when in ((IN, at(1)), (IN, at(2)), (OUT, at(3)), (IN, at(10))):
        ws.interactions.log(cid, kind, when, subject=kind.value)
    ws.interactions.log(cid, InteractionKind.CALL, at(4), subject="call")
    return cid


def test_an_older_team_database_gets_its_summaries_filled(pg_url: str, tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "team", pg_url)
    ws = Workspace.open(paths, TravelClock(), tz=UTC)
    try:
        cid = _timeline(ws)
    finally:
        ws.close()
    engine = make_server_engine(pg_url)
    try:  # as a server database before 0018 was: the tables empty, no triggers
        with engine.begin() as connection:
            downgrade(connection, "0018-1")
            connection.exec_driver_sql("DELETE FROM mail_question")
            connection.exec_driver_sql("DELETE FROM contact_week")
    finally:
        engine.dispose()
    ws = Workspace.open(paths, TravelClock(), tz=UTC)  # upgrades it to head
    try:
        assert [(r[0], r[3]) for r in _current(pg_url)] == [(cid, 48.0), (cid, None)]
        ws.interactions.log(cid, OUT, at(11), subject="answer")  # the triggers are there
        assert [r[3] for r in _current(pg_url)] == [48.0, 24.0]
    finally:
        ws.close()


def test_migrate_to_leaves_them_right_and_kept(
    paths: AppPaths, pg_url: str, tmp_path: Path
) -> None:
    ws = Workspace.open(paths, TravelClock(), tz=UTC)
    try:
        cid = _timeline(ws)
    finally:
        ws.close()
    migrate_to(paths.database, pg_url)
    assert [(r[0], r[3]) for r in _current(pg_url)] == [(cid, 48.0), (cid, None)]
    assert _rows(pg_url, "SELECT sum(contacts) FROM contact_week") == [(5,)]
    ws = Workspace.open(AppPaths(tmp_path / "team", pg_url), TravelClock(), tz=UTC)
    try:
        ws.interactions.log(cid, OUT, at(10, 15), subject="answer")
        ws.interactions.log(cid, IN, at(10, 12), subject="one more")
        assert [r[3] for r in _current(pg_url)] == [48.0, 6.0]
    finally:
        ws.close()
