"""Reminders TalentDesk writes itself: keep-in-touch check-ins, birthdays and feedback owed,
against a real SQLite file with an injected clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from talentdesk.core import settings
from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders.generated import RefreshSummary, refresh
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock, session_outside, written_outside

COLUMNS = "id, candidate_id, origin, kind, pool_id, due_at, reason, done_at, notified_at"


def generated(ws: Workspace, origin: str | None = None) -> list[dict[str, Any]]:
    """The generated reminders in the database, oldest first."""
    sql = f"SELECT {COLUMNS} FROM reminder WHERE origin != 'manual'"
    params: tuple[object, ...] = ()
    if origin is not None:
        sql += " AND origin = ?"
        params = (origin,)
    cursor = ws.reader.execute(sql + " ORDER BY id", params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def open_generated(ws: Workspace, origin: str | None = None) -> list[dict[str, Any]]:
    return [r for r in generated(ws, origin) if r["done_at"] is None]


def full_refresh(ws: Workspace, clock: TravelClock, tz: Any = UTC) -> RefreshSummary:
    return refresh(ws.db, clock(), tz)


def person(ws: Workspace, first: str = "Anna", **fields: Any) -> int:
    return ws.candidates.create(CandidateRecord(first_name=first, last_name="Kowalska", **fields))


def stage(ws: Workspace, pool: int, name: str) -> int:
    return next(s.id for s in ws.pools.stages(pool) if s.name == name)


def call(
    ws: Workspace, cid: int, when: datetime, kind: InteractionKind = InteractionKind.CALL
) -> int:
    return ws.interactions.log(cid, kind, occurred_at=when, subject="Talked")


# --------------------------------------------------------------------------- cadence


def test_cadence_check_in_is_made_once_and_a_contact_clears_it(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [anna])
    last_call = START - timedelta(days=92)
    call(ws, anna, last_call)
    assert generated(ws) == []  # no cadence yet

    ws.pools.set_cadence(pool, 30)
    (made,) = generated(ws)
    assert made["candidate_id"] == anna
    assert (made["origin"], made["kind"], made["pool_id"]) == ("cadence", "check_in", pool)
    assert made["reason"] == "No contact for 92 days in pool Kraków Java"
    assert from_db(made["due_at"]) == last_call + timedelta(days=30)

    for _ in range(3):  # the scheduler's safety check, again and again
        assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    clock.advance(days=5)
    assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    assert generated(ws) == [made]  # the reason keeps the days counted when it was made

    call(ws, anna, clock())
    assert generated(ws) == []  # cleared (deleted: nobody dealt with the check-in itself)

    clock.advance(days=29)
    assert full_refresh(ws, clock).created == 0
    clock.advance(days=1)
    assert full_refresh(ws, clock).created == 1
    (again,) = generated(ws)
    assert again["reason"] == "No contact for 30 days in pool Kraków Java"
    assert from_db(again["due_at"]) == clock()


def test_a_note_is_no_contact_and_a_backdated_contact_moves_the_check_in(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna])
    call(ws, anna, START - timedelta(days=100))
    ws.pools.set_cadence(pool, 30)
    (first,) = generated(ws)

    call(ws, anna, START, kind=InteractionKind.NOTE)
    assert generated(ws) == [first]
    call(ws, anna, START - timedelta(days=40))  # remembered an older call: still out of touch
    (moved,) = generated(ws)
    assert moved["id"] == first["id"]
    assert from_db(moved["due_at"]) == START - timedelta(days=10)


def test_never_contacted_members_count_from_joining(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws)
    pool = ws.pools.create("Berlin data")
    ws.pools.set_cadence(pool, 30)
    ws.pools.add_members(pool, [anna])
    assert generated(ws) == []
    clock.advance(days=30)
    assert full_refresh(ws, clock) == RefreshSummary(1, 0, 0)
    (made,) = generated(ws)
    assert made["reason"] == "No contact since joining pool Berlin data 30 days ago"
    assert from_db(made["due_at"]) == START + timedelta(days=30)


def test_joining_late_and_leaving_the_pool(ws: Workspace, clock: TravelClock) -> None:
    anna, bartek = person(ws), person(ws, "Bartek")
    pool = ws.pools.create("Pool")
    other = ws.pools.create("Other")
    ws.pools.set_cadence(pool, 30)
    ws.pools.set_cadence(other, 60)
    call(ws, anna, START - timedelta(days=70))
    ws.pools.add_members(pool, [anna, bartek])
    ws.pools.add_members(other, [anna])
    assert [(r["candidate_id"], r["pool_id"]) for r in generated(ws)] == [
        (anna, pool),
        (anna, other),
    ]

    ws.pools.remove_member(pool, anna)
    assert [r["pool_id"] for r in generated(ws)] == [other]
    ws.pools.delete(other)  # the foreign key's cascade
    assert generated(ws) == []


def test_changing_the_cadence_re_evaluates(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws)
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna])
    last_call = START - timedelta(days=40)
    call(ws, anna, last_call)

    ws.pools.set_cadence(pool, 30)
    (made,) = generated(ws)
    ws.reminders.mark_notified([made["id"]], clock())
    ws.pools.set_cadence(pool, 20)
    (moved,) = generated(ws)
    assert moved["id"] == made["id"]
    assert from_db(moved["due_at"]) == last_call + timedelta(days=20)
    assert moved["notified_at"] is None  # a new due time is announced again
    ws.pools.set_cadence(pool, 60)
    assert generated(ws) == []
    ws.pools.set_cadence(pool, 35)
    assert len(generated(ws)) == 1
    ws.pools.set_cadence(pool, None)
    assert generated(ws) == []
    assert ws.pools.cadence(pool) is None
    with pytest.raises(ValidationError):
        ws.pools.set_cadence(pool, 0)


def test_completing_a_check_in_restarts_the_cadence(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws)
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna])
    call(ws, anna, START - timedelta(days=50))
    ws.pools.set_cadence(pool, 30)
    (made,) = generated(ws)
    ws.reminders.mark_done(made["id"])

    assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    clock.advance(days=30)
    assert full_refresh(ws, clock).created == 1
    done, again = generated(ws)
    assert done["id"] == made["id"] and done["done_at"] is not None
    assert from_db(again["due_at"]) == START + timedelta(days=30)
    assert again["reason"] == "No contact for 80 days in pool Pool"


def test_manual_reminders_and_do_not_contact_are_left_alone(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    dnc = person(ws, "Celina", status=CandidateStatus.DO_NOT_CONTACT, birthday=date(1990, 12, 1))
    manual = ws.reminders.add(anna, START - timedelta(days=3), ReminderKind.CHECK_IN, "Call")
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna, dnc])
    ws.pools.set_stage(pool, dnc, stage(ws, pool, "Declined"))
    ws.pools.set_cadence(pool, 1)
    clock.advance(days=2)
    full_refresh(ws, clock)
    assert [r["candidate_id"] for r in open_generated(ws)] == [anna]

    call(ws, anna, clock())
    ws.pools.remove_member(pool, anna)
    full_refresh(ws, clock)
    assert ws.reader.execute(
        "SELECT id, origin, due_at, done_at, reason FROM reminder WHERE origin = 'manual'"
    ).fetchall() == [(manual, "manual", to_db(START - timedelta(days=3)), None, None)]


def test_a_refresh_can_be_narrowed(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws, birthday=date(1990, 12, 1))
    bartek = person(ws, "Bartek")
    pool = ws.pools.create("Pool")
    ws.pools.add_members(pool, [anna, bartek])
    with written_outside(ws.paths.database) as conn:  # a cadence set behind the services' back
        conn.exec_driver_sql("UPDATE pool SET cadence_days = 1")
    clock.advance(days=2)

    assert refresh(ws.db, clock(), UTC, candidate_ids=[]) == RefreshSummary(0, 0)
    assert refresh(ws.db, clock(), UTC, pool_ids=[pool]).created == 2  # no birthdays
    assert {r["origin"] for r in generated(ws)} == {"cadence"}
    assert refresh(ws.db, clock(), UTC, candidate_ids=[bartek]).created == 0
    assert refresh(ws.db, clock(), UTC, candidate_ids=[anna]).created == 1
    assert {(r["candidate_id"], r["origin"]) for r in generated(ws)} == {
        (anna, "cadence"),
        (bartek, "cadence"),
        (anna, "birthday"),
    }


# --------------------------------------------------------------------------- birthdays


def test_birthday_reminder_within_thirty_days(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws, birthday=date(1991, 12, 14))
    person(ws, "Bartek", birthday=date(1985, 1, 30))  # 66 days ahead
    unknown_year = person(ws, "Celina", birthday=date(1604, 12, 1))
    full_refresh(ws, clock)
    made = {r["candidate_id"]: r for r in generated(ws)}
    assert set(made) == {anna, unknown_year}
    assert made[anna]["kind"] == "birthday" and made[anna]["pool_id"] is None
    assert made[anna]["reason"] == "Birthday on 14 December (turns 35)"
    assert from_db(made[anna]["due_at"]) == datetime(2026, 12, 14, 9, tzinfo=UTC)
    assert made[unknown_year]["reason"] == "Birthday on 1 December"

    clock.now = datetime(2026, 12, 15, 8, tzinfo=UTC)  # the days have passed, unmarked
    full_refresh(ws, clock)
    assert open_generated(ws) == []  # a birthday that is over is not owed any more


def test_birthday_at_the_working_day_start_days_before(ws: Workspace, clock: TravelClock) -> None:
    warsaw = ZoneInfo("Europe/Warsaw")
    anna = person(ws, birthday=date(1990, 12, 24))
    with written_outside(ws.paths.database) as conn:
        settings.write(conn, settings.BIRTHDAY_DAYS_BEFORE, 7)
        settings.write(conn, settings.WORK_DAY_START, time(8, 30))
    full_refresh(ws, clock, warsaw)
    (made,) = generated(ws)
    assert made["candidate_id"] == anna
    assert made["reason"] == "Birthday on 24 December (turns 36)"
    # 08:30 in Warsaw (UTC+1 in winter) a week before.
    assert from_db(made["due_at"]) == datetime(2026, 12, 17, 7, 30, tzinfo=UTC)

    with written_outside(ws.paths.database) as conn:
        settings.write(conn, settings.BIRTHDAY_DAYS_BEFORE, 0)
    assert full_refresh(ws, clock, warsaw) == RefreshSummary(0, 0, 1)
    (moved,) = generated(ws)
    assert from_db(moved["due_at"]) == datetime(2026, 12, 24, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("today", "due", "reason"),
    [
        (date(2027, 2, 10), datetime(2027, 2, 28, 9, tzinfo=UTC), "28 February (turns 35)"),
        (date(2028, 2, 10), datetime(2028, 2, 29, 9, tzinfo=UTC), "29 February (turns 36)"),
    ],
)
def test_a_leap_day_birthday_falls_on_the_28th_in_other_years(
    ws: Workspace, clock: TravelClock, today: date, due: datetime, reason: str
) -> None:
    person(ws, birthday=date(1992, 2, 29))
    person(ws, "Bartek", birthday=date(1990, 3, 1))
    clock.now = datetime.combine(today, time(12), UTC)
    full_refresh(ws, clock)
    leap = next(r for r in generated(ws) if "February" in r["reason"])
    assert leap["reason"] == f"Birthday on {reason}"
    assert from_db(leap["due_at"]) == due
    assert len(generated(ws)) == 2


def test_a_completed_birthday_is_not_made_again(ws: Workspace, clock: TravelClock) -> None:
    person(ws, birthday=date(1991, 12, 14))
    full_refresh(ws, clock)
    (made,) = generated(ws)
    ws.reminders.mark_done(made["id"])
    clock.advance(days=10)
    assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)
    clock.now = datetime(2027, 11, 20, 9, tzinfo=UTC)  # next year's comes
    assert full_refresh(ws, clock).created == 1


# --------------------------------------------------------------------------- feedback owed


def test_feedback_owed_after_a_rejection_until_feedback_is_logged(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [anna])
    call(ws, anna, START - timedelta(hours=1), kind=InteractionKind.FEEDBACK)  # before the move
    clock.advance(hours=2)
    ws.pools.set_stage(pool, anna, stage(ws, pool, "Not a fit"))
    (owed,) = generated(ws)
    assert (owed["origin"], owed["kind"], owed["pool_id"]) == ("feedback", "feedback_owed", pool)
    assert owed["reason"] == "Moved to Not a fit in pool Kraków Java — tell them"
    assert from_db(owed["due_at"]) == clock()
    with ws.db.engine.connect() as conn:
        changed = conn.exec_driver_sql("SELECT stage_changed_at FROM pool_membership").scalar()
    assert from_db(changed) == clock()

    clock.advance(hours=1)
    call(ws, anna, clock())  # a call is not feedback
    assert len(generated(ws)) == 1
    feedback = call(ws, anna, clock(), kind=InteractionKind.FEEDBACK)
    assert generated(ws) == []
    ws.interactions.delete(feedback)  # taken back: owed again
    assert [r["reason"] for r in generated(ws)] == [owed["reason"]]

    ws.pools.set_stage(pool, anna, stage(ws, pool, "Engaged"))
    assert generated(ws) == []


def test_feedback_owed_after_interviewing_for_the_set_days(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    pool = ws.pools.create("Berlin data")
    ws.pools.add_members(pool, [anna])
    ws.pools.set_stage(pool, anna, stage(ws, pool, "Interviewing"))
    moved_at = clock()
    clock.advance(days=13)
    assert full_refresh(ws, clock).created == 0
    clock.advance(days=2)
    assert full_refresh(ws, clock).created == 1
    (owed,) = generated(ws)
    assert owed["reason"] == "Interviewing for 15 days in pool Berlin data"
    assert from_db(owed["due_at"]) == moved_at + timedelta(days=14)

    with written_outside(ws.paths.database) as conn:
        settings.write(conn, settings.FEEDBACK_AFTER_INTERVIEW_DAYS, 20)
    assert full_refresh(ws, clock) == RefreshSummary(0, 1, 0)
    with written_outside(ws.paths.database) as conn:
        settings.write(conn, settings.FEEDBACK_AFTER_INTERVIEW_DAYS, 10)
    assert full_refresh(ws, clock).created == 1
    call(ws, anna, clock(), kind=InteractionKind.FEEDBACK)
    assert generated(ws) == []


def test_stage_names_match_in_any_case_and_joining_at_a_rejection(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws)
    pool = ws.pools.create("Pool")
    declined = stage(ws, pool, "Declined")
    with written_outside(ws.paths.database) as conn:
        conn.exec_driver_sql("UPDATE pool_stage SET name = 'DECLINED' WHERE id = ?", (declined,))
    ws.pools.add_members(pool, [anna], declined)
    (owed,) = generated(ws)
    assert owed["reason"] == "Moved to DECLINED in pool Pool — tell them"
    ws.reminders.mark_done(owed["id"])  # dealt with, without logging it
    clock.advance(days=1)
    assert full_refresh(ws, clock) == RefreshSummary(0, 0, 0)


def test_editing_a_birthday_or_do_not_contact_updates_the_reminders_at_once(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Nowak"))
    record = ws.candidates.get(anna)
    soon = (clock.now + timedelta(days=5)).date()
    record.birthday = soon.replace(year=1990)
    ws.candidates.update(anna, record)
    [birthday] = [r for r in ws.reminders.for_candidate(anna) if r.done_at is None]
    assert birthday.kind is ReminderKind.BIRTHDAY
    assert birthday.due_at.date() == soon

    record = ws.candidates.get(anna)
    record.status = CandidateStatus.DO_NOT_CONTACT
    ws.candidates.update(anna, record)
    assert [r for r in ws.reminders.for_candidate(anna) if r.done_at is None] == []


def test_feedback_is_owed_on_a_vacancy_too(ws: Workspace, clock: TravelClock) -> None:
    """An applicant at a stage of kind "declined" is owed an answer, whatever it is called."""
    from talentdesk.core.db.enums import DEFAULT_PIPELINE
    from talentdesk.core.db.models import (
        Application,
        ApplicationStageChange,
        Vacancy,
        VacancyStage,
    )

    anna = person(ws)
    with session_outside(ws.paths.database) as session:
        vacancy = Vacancy(title="Senior Java Developer", opened_at=clock.now)
        vacancy.stages = [
            VacancyStage(name=n, kind=k, position=i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)
        ]
        # Renamed: the kind, not the English name, says the candidate declined.
        vacancy.stages[7].name = "Said no"
        application = Application(
            candidate_id=anna, vacancy=vacancy, stage=vacancy.stages[3], created_at=clock.now
        )
        session.add(application)
    clock.advance(days=3)
    full_refresh(ws, clock)
    assert open_generated(ws, "feedback") == []  # interviewing, not yet for 14 days

    with session_outside(ws.paths.database) as session:
        application = session.get(Application, application.id)
        assert application is not None
        declined = session.get(VacancyStage, vacancy.stages[7].id)
        assert declined is not None
        application.stage = declined
        session.add(
            ApplicationStageChange(
                application=application,
                from_stage="Interviewing",
                to_stage="Said no",
                to_kind=declined.kind,
                moved_at=clock.now,
            )
        )
    full_refresh(ws, clock)
    [owed] = open_generated(ws, "feedback")
    assert (owed["candidate_id"], owed["kind"], owed["pool_id"], owed["reason"]) == (
        anna,
        "feedback_owed",
        None,
        "Moved to Said no for vacancy Senior Java Developer — tell them",
    )
    assert from_db(owed["due_at"]) == clock.now

    clock.advance(hours=2)
    ws.interactions.log(anna, InteractionKind.FEEDBACK, clock.now, "Told her kindly")
    full_refresh(ws, clock)
    assert open_generated(ws, "feedback") == []
