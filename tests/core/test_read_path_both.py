"""The window's read path on both backends (team mode, issue 18): `ws.reader` is the local
file's sqlite3 connection or a team database's psycopg one, and what reads through it
(`ws.listing`, `ws.reads`, their own-connection copies, settings, the contact rule, the
duplicates lookup, the freshness of generated reminders) gives the same answers on both."""

from __future__ import annotations

import json
import threading
from datetime import UTC, timedelta

import pytest
from sqlalchemy import text

from talentdesk.core import settings
from talentdesk.core.candidate_list import ListQuery, SortColumn, Touch
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, LegalBasis
from talentdesk.core.db.reader import on_server
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders import freshness
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import START, TravelClock
from tests.pg_fixtures import ws_on_both  # noqa: F401


def _person(ws: Workspace, first: str, **fields: object) -> int:
    record = CandidateRecord(first, "Test", email=f"{first.lower()}@example.com", **fields)  # type: ignore[arg-type]
    return ws.candidates.create(record)


def test_the_reader_says_which_backend_it_reads(ws: Workspace, backend: str) -> None:
    assert on_server(ws.reader) is (backend == "postgresql")
    assert ws.on_server is (backend == "postgresql")
    assert ws.reader.execute("SELECT count(*) FROM candidate").fetchone()[0] == 0


def test_a_pool_list_shows_touch_and_consent(ws: Workspace, clock: TravelClock) -> None:
    pool = ws.pools.create("Backend")
    ada, ben, cy = _person(ws, "Ada"), _person(ws, "Ben"), _person(ws, "Cy")
    ws.pools.add_members(pool, [ada, ben, cy])
    ws.pools.set_cadence(pool, 30)
    ws.consent.record(ada, LegalBasis.CONSENT, expires_at=START + timedelta(days=70))
    ws.consent.record(ben, LegalBasis.CONSENT)
    ws.consent.withdraw(ben)
    clock.advance(days=45)
    ws.interactions.log(cy, InteractionKind.CALL, clock(), subject="caught up")

    rows = {r.name: r for r in ws.listing.rows([ada, ben, cy], pool)}
    assert [rows[n].touch for n in ("Ada Test", "Ben Test", "Cy Test")] == [
        Touch.AMBER,
        Touch.AMBER,
        Touch.OK,
    ]
    assert rows["Ada Test"].consent is ConsentState.EXPIRING
    assert rows["Ada Test"].consent_days_left == 25
    assert rows["Ben Test"].consent is ConsentState.WITHDRAWN
    assert rows["Cy Test"].consent is ConsentState.NONE
    assert rows["Cy Test"].last_contact_at == clock()
    by_consent = ws.listing.ids(ListQuery(pool_id=pool, sort=SortColumn.CONSENT))
    assert by_consent == [ben, ada, cy]  # withdrawn, then by end, then none
    assert ws.reads.losing_touch_counts() == {pool: (2, 0)}
    clock.advance(days=30)
    assert ws.reads.losing_touch_counts() == {pool: (1, 2)}
    assert ws.not_contactable([ada, ben, cy]) == {ben: "consent withdrawn"}


def test_due_json_objects_are_the_same_on_both(ws: Workspace) -> None:
    """SQLite builds each object on the local file, Python on a server: the same text."""
    ada = _person(ws, "Ada")
    note = 'say "hi"\\ on\nMonday\t\x01 \u2028 Ł 😀'
    due = ws.reminders.add(ada, START + timedelta(hours=2, microseconds=1500), note=note)
    ws.reminders.add(ada, START + timedelta(days=3))  # not due yet
    lines = list(ws.reads.due_json(START + timedelta(days=1), START + timedelta(hours=3)))
    expected = {
        "id": due,
        "candidate_id": ada,
        "candidate": "Ada Test",
        "kind": "follow_up",
        "origin": "manual",
        "due_at": "2026-11-25T11:30:00.001500+00:00",
        "overdue": True,
        "note": note,
        "reason": None,
    }
    assert lines == [json.dumps(expected, ensure_ascii=False, separators=(",", ":"))]
    later = list(ws.reads.due_json(START + timedelta(days=1), START))
    assert [json.loads(line)["overdue"] for line in later] == [False]


def test_reminders_read_the_same(ws: Workspace, clock: TravelClock) -> None:
    ada = _person(ws, "Ada")
    soon = ws.reminders.add(ada, START + timedelta(hours=2), note="call")
    later = ws.reminders.add(ada, START + timedelta(days=40), note="later")
    groups = {g.key: g for g in ws.reads.reminder_overview(with_later=True)}
    assert [i.id for i in groups["today"].items] == [soon]
    assert [i.id for i in groups["later"].items] == [later]
    assert [i.id for i in ws.reads.open_reminders(START + timedelta(days=60))] == [soon, later]
    assert [row[0] for row in ws.reads.due_rows(START + timedelta(days=1))] == [soon]
    assert ws.reads.due_counts(START + timedelta(hours=3), START) == (1, 0)


def test_own_connections_read_on_another_thread(ws: Workspace) -> None:
    ids = [_person(ws, name) for name in ("Cy", "Ada", "Ben")]
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, ids)
    found: dict[str, object] = {}

    def read() -> None:
        with ws.own_listing() as listing:
            found["ids"] = listing.ids(ListQuery(search="example"))
        with ws.own_reads() as reads:
            found["pools"] = [(p.name, p.members) for p in reads.pool_summaries()]

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert found == {"ids": [ids[1], ids[2], ids[0]], "pools": [("Backend", 3)]}


def test_names_sort_byte_by_byte_as_on_the_local_file(ws: Workspace) -> None:
    ws.candidates.create(CandidateRecord("Annabel", "Ax"))
    ws.candidates.create(CandidateRecord("Anna", "Zed"))
    ids = ws.listing.ids(ListQuery())
    assert [ws.listing.rows([i], None)[0].name for i in ids] == ["Anna Zed", "Annabel Ax"]
    assert ws.search_ids("ann") == ids


def test_settings_and_duplicates_read_through_the_reader(ws: Workspace) -> None:
    ws.settings_store().set(settings.BIRTHDAY_DAYS_BEFORE, 5)
    assert settings.read(ws.reader, settings.BIRTHDAY_DAYS_BEFORE) == 5
    assert settings.read(ws.reader, settings.CLOSE_TO_TRAY) is True  # the default
    ada = _person(ws, "Ada")
    found = ws.matching_people("ADA@example.com", None, None, None)
    assert [(m.id, m.reason) for m in found] == [(ada, "the same e-mail address")]


def test_generated_reminders_are_fresh_after_a_refresh_on_both(ws: Workspace) -> None:
    assert not freshness.is_fresh(ws.reader, ws.clock(), UTC)
    ws.refresh_generated_reminders()
    assert freshness.is_fresh(ws.reader, ws.clock(), UTC)


@pytest.mark.parametrize("status", [CandidateStatus.DO_NOT_CONTACT])
def test_filters_see_status_changes_at_once(ws: Workspace, status: CandidateStatus) -> None:
    ada = _person(ws, "Ada")
    record = ws.candidates.get(ada)
    record.status = status
    ws.candidates.update(ada, record)
    assert ws.search_ids(f"status:{status.value}") == [ada]
    assert ws.listing.count(ListQuery(search="status:active")) == 0


def test_a_read_after_the_server_ended_the_session_connects_again(
    pg_url: str, paths: AppPaths, clock: TravelClock
) -> None:
    """A session the server ended while the reader was idle: the next read is sent once more on
    a new connection (a read is safe to repeat), not shown as an error."""
    ws = Workspace.open(paths.with_database_url(pg_url), clock, tz=UTC)
    try:
        _person(ws, "Ada")
        pid = ws.reader.execute("SELECT pg_backend_pid()").fetchone()[0]
        engine = make_server_engine(pg_url)
        with engine.begin() as connection:  # the server ends that session
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        engine.dispose()
        assert ws.reads.total_candidates() == 1  # connected again, at the first read
        assert ws.reader.execute("SELECT pg_backend_pid()").fetchone()[0] != pid
        assert ws.search_ids("ada") == [1]
    finally:
        ws.close()
