"""Feedback-owed reminders TalentDesk writes itself (after a rejection, after interviewing, on a
vacancy too), against a real SQLite file with an injected clock."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from talentdesk.core import settings
from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders.generated import RefreshSummary
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock, session_outside, written_outside
from tests.core.generated_reminder_helpers import (
    call,
    full_refresh,
    generated,
    open_generated,
    person,
    stage,
)
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

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
        conn.execute(
            text("UPDATE pool_stage SET name = 'DECLINED' WHERE id = :id"), {"id": declined}
        )
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
