"""App settings in the database; who is losing touch (list marks, pool counts); the overview's
Later group; sample data with cadences and generated reminders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, time, timedelta
from functools import partial
from pathlib import Path

import pytest

from talentdesk.core import settings
from talentdesk.core.candidate_list import CandidateListing, ListQuery, Touch
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderOrigin
from talentdesk.core.db.migrate import Database, open_database
from talentdesk.core.demo import load_sample_data
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders.generated import refresh
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import START, TravelClock, written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401

# --------------------------------------------------------------------------- settings


def test_settings_have_defaults_and_keep_what_is_set(ws: Workspace) -> None:
    store = settings.AppSettings(ws.db.sessions)
    assert store.get(settings.WORK_DAY_START) == time(9)
    assert store.get(settings.BIRTHDAY_DAYS_BEFORE) == 0
    assert store.get(settings.FEEDBACK_AFTER_INTERVIEW_DAYS) == 14
    assert store.get(settings.CLOSE_TO_TRAY) is True
    assert store.get(settings.TRAY_HINT_SHOWN) is False
    assert store.get(settings.START_AT_LOGIN) is False

    store.set(settings.WORK_DAY_START, time(8, 30))
    store.set(settings.BIRTHDAY_DAYS_BEFORE, 3)
    store.set(settings.CLOSE_TO_TRAY, False)
    store.set(settings.BIRTHDAY_DAYS_BEFORE, 5)  # replaced, not added
    assert store.get(settings.WORK_DAY_START) == time(8, 30)
    assert store.get(settings.BIRTHDAY_DAYS_BEFORE) == 5
    assert store.get(settings.CLOSE_TO_TRAY) is False
    # The window's plain reader sees the same values.
    assert settings.read(ws.reader, settings.WORK_DAY_START) == time(8, 30)
    assert settings.read(ws.reader, settings.BIRTHDAY_DAYS_BEFORE) == 5
    # Stored as JSON text on both backends (a server's json column gives values unless cast).
    stored = "SELECT key, CAST(value AS TEXT) FROM app_setting ORDER BY key"
    assert ws.reader.execute(stored).fetchall() == [
        ("birthday_days_before", "5"),
        ("close_to_tray", "false"),
        ("work_day_start", '"08:30"'),
    ]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        (settings.WORK_DAY_START, "09:00"),
        (settings.WORK_DAY_START, time(9, 0, 30)),
        (settings.BIRTHDAY_DAYS_BEFORE, -1),
        (settings.BIRTHDAY_DAYS_BEFORE, 31),
        (settings.BIRTHDAY_DAYS_BEFORE, True),
        (settings.FEEDBACK_AFTER_INTERVIEW_DAYS, 0),
        (settings.CLOSE_TO_TRAY, 1),
    ],
)
def test_invalid_settings_are_refused(
    ws: Workspace, setting: settings.Setting[object], value: object
) -> None:
    store = settings.AppSettings(ws.db.sessions)
    with pytest.raises(ValidationError) as raised:
        store.set(setting, value)
    assert setting.key in raised.value.errors
    assert ws.reader.execute("SELECT count(*) FROM app_setting").fetchone() == (0,)


def test_an_unreadable_stored_value_reads_as_the_default(ws: Workspace) -> None:
    # Valid JSON that is not a valid value (hand-edited, from a newer version): on both backends.
    with written_outside(ws.paths.database) as conn:
        conn.exec_driver_sql(
            "INSERT INTO app_setting (key, value) VALUES ('work_day_start', '\"25:99\"'),"
            " ('close_to_tray', '\"yes\"'), ('birthday_days_before', '400')"
        )
    store = settings.AppSettings(ws.db.sessions)  # a session: the reminder refresh reads so
    for read in (partial(settings.read, ws.reader), store.get):
        assert read(settings.WORK_DAY_START) == time(9)
        assert read(settings.CLOSE_TO_TRAY) is True
        assert read(settings.BIRTHDAY_DAYS_BEFORE) == 0


def test_a_stored_value_that_is_not_json_reads_as_the_default(paths: AppPaths) -> None:
    """Only a SQLite file can hold text that is not JSON (a server's json column refuses it)."""
    ws = Workspace.open(paths, tz=UTC)
    try:
        with written_outside(ws.paths.database) as conn:
            conn.exec_driver_sql(
                "INSERT INTO app_setting (key, value) VALUES ('close_to_tray', 'not json')"
            )
        assert settings.read(ws.reader, settings.CLOSE_TO_TRAY) is True
        assert settings.AppSettings(ws.db.sessions).get(settings.CLOSE_TO_TRAY) is True
    finally:
        ws.close()


# --------------------------------------------------------------------------- losing touch


@pytest.fixture
def touch_pool(ws: Workspace, clock: TravelClock) -> tuple[int, dict[str, int]]:
    """A pool with a 30-day cadence: members last contacted 10, 40 and 70 days ago, one never
    contacted who joined 100 days ago, and a "do not contact" one."""
    pool = ws.pools.create("Kraków Java")
    people = {
        name: ws.candidates.create(CandidateRecord(first_name=name))
        for name in ("ok", "amber", "red", "never", "dnc")
    }
    ws.candidates.update(
        people["dnc"], CandidateRecord(first_name="dnc", status=CandidateStatus.DO_NOT_CONTACT)
    )
    clock.now = START - timedelta(days=100)
    ws.pools.add_members(pool, list(people.values()))
    clock.now = START
    for name, days in (("ok", 10), ("amber", 40), ("red", 70), ("dnc", 300)):
        ws.interactions.log(
            people[name], InteractionKind.CALL, START - timedelta(days=days), "Called"
        )
    ws.pools.set_cadence(pool, 30)
    return pool, people


def test_losing_touch_counts_per_pool(
    ws: Workspace, touch_pool: tuple[int, dict[str, int]]
) -> None:
    pool, _ = touch_pool
    no_cadence = ws.pools.create("No cadence")
    empty = ws.pools.create("Empty")
    ws.pools.set_cadence(empty, 14)
    counts = ws.reads.losing_touch_counts()
    assert counts == {pool: (1, 2), empty: (0, 0)}
    assert no_cadence not in counts
    summaries = {p.id: p.cadence_days for p in ws.reads.pool_summaries()}
    assert summaries == {pool: 30, no_cadence: None, empty: 14}


def test_the_list_marks_members_losing_touch(
    ws: Workspace, clock: TravelClock, touch_pool: tuple[int, dict[str, int]]
) -> None:
    pool, people = touch_pool
    listing = CandidateListing(ws.reader, clock)
    ids = listing.ids(ListQuery(pool_id=pool))
    touch = {row.name: row.touch for row in listing.rows(ids, pool)}
    assert touch == {
        "ok": Touch.OK,
        "amber": Touch.AMBER,
        "red": Touch.RED,
        "never": Touch.RED,
        "dnc": Touch.OK,
    }
    assert {row.touch for row in listing.rows(ids, None)} == {None}  # All candidates
    clock.advance(days=25)  # "ok" is now 35 days out of touch
    assert listing.rows([people["ok"]], pool)[0].touch is Touch.AMBER
    ws.pools.set_cadence(pool, None)
    assert {row.touch for row in listing.rows(ids, pool)} == {None}


# --------------------------------------------------------------------------- overview


def test_the_overview_can_show_a_later_group(ws: Workspace, clock: TravelClock) -> None:
    anna = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
    missed = ws.reminders.add(anna, START + timedelta(days=6), note="missed")
    later = [
        ws.reminders.add(anna, START + timedelta(days=d), note="later") for d in (300, 40, 200)
    ]
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna])
    ws.pools.set_cadence(pool, 30)
    clock.advance(days=31)  # the check-in fell due yesterday
    refresh(ws.db, clock(), UTC)

    groups = {g.key: g for g in ws.reads.reminder_overview()}
    assert list(groups) == ["overdue", "today", "week"]  # what the pane shows so far
    groups = {g.key: g for g in ws.reads.reminder_overview(2, with_later=True)}
    assert list(groups) == ["overdue", "today", "week", "later"]
    assert (groups["later"].title, groups["later"].total) == ("Later", 3)
    assert [i.id for i in groups["later"].items] == [later[1], later[2]]  # soonest, limited
    first, check_in = groups["overdue"].items
    assert (first.id, first.origin, first.reason) == (missed, ReminderOrigin.MANUAL, None)
    assert check_in.origin is ReminderOrigin.CADENCE
    assert check_in.reason == "No contact since joining pool Pool 31 days ago"
    assert check_in.note is None


# --------------------------------------------------------------------------- sample data


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "t.sqlite3")
    yield database
    database.close()


def test_sample_pools_have_cadences_and_generated_reminders(db: Database) -> None:
    summary = load_sample_data(db, START, tz=UTC)
    with db.engine.connect() as conn:
        run = conn.exec_driver_sql
        cadences = run("SELECT cadence_days FROM pool ORDER BY cadence_days").scalars().all()
        assert cadences == [30, 60, 90]
        made = run(
            "SELECT origin, count(*) FROM reminder WHERE origin != 'manual' GROUP BY origin"
        ).all()
        total = run("SELECT count(*) FROM reminder").scalar()
        reasons = run("SELECT reason FROM reminder WHERE origin != 'manual'").scalars().all()
    assert {origin for origin, _ in made} == {"cadence", "feedback", "birthday"}
    assert summary.reminders == total
    assert all(reasons)
    assert any(r.startswith("No contact for ") for r in reasons)
    assert any(r.endswith(" — tell them") for r in reasons)
