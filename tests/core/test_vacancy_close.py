"""Closing a vacancy: outcomes for everyone still in the pipeline, near fits into a pool, the
status, feedback reminders, the e-mails per outcome, and reopening exactly."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from talentdesk.core.db.enums import CandidateStatus, OutboxStatus, StageKind, VacancyStatus
from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import MailAccount, Security
from talentdesk.core.records import CandidateRecord
from talentdesk.core.vacancies.close_mail import plan_close_mail, queue_close_mail
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside

ACCOUNT = MailAccount(
    host="127.0.0.1",
    port=2525,
    security=Security.STARTTLS,
    username="sam",
    sender_address="sam@example.com",
    sender_name="Sam Recruiter",
)


def person(ws: Workspace, first: str, **fields: object) -> int:
    values: dict[str, Any] = {"email": f"{first.lower()}@example.com", **fields}
    return ws.candidates.create(CandidateRecord(first_name=first, last_name="Nowak", **values))


def stage_id(ws: Workspace, vacancy_id: int, kind: StageKind) -> int:
    return next(s.id for s in ws.vacancies.stages(vacancy_id) if s.kind is kind)


def pipeline(ws: Workspace, clock: TravelClock) -> tuple[int, dict[str, int]]:
    """Backend Developer: Anna at Offer, Ben interviewing, Cleo contacted (do not contact
    since), Dan without an e-mail, Eve already not a fit."""
    ids = {n: person(ws, n) for n in ["Anna", "Ben", "Cleo", "Eve"]}
    ids["Dan"] = person(ws, "Dan", email=None)
    vacancy_id = ws.vacancies.create(VacancyRecord(title="Backend Developer"))
    ws.vacancies.add_candidates(vacancy_id, list(ids.values()))
    app = {c.name.split()[0]: c.application_id for c in ws.vacancies.board(vacancy_id).cards}
    clock.now += timedelta(days=1)
    ws.vacancies.move(app["Anna"], stage_id(ws, vacancy_id, StageKind.OFFER))
    ws.vacancies.move(app["Ben"], stage_id(ws, vacancy_id, StageKind.INTERVIEWING))
    ws.vacancies.move(app["Eve"], stage_id(ws, vacancy_id, StageKind.REJECTED))
    cleo = ws.candidates.get(ids["Cleo"])
    cleo.status = CandidateStatus.DO_NOT_CONTACT
    ws.candidates.update(ids["Cleo"], cleo)
    clock.now += timedelta(days=1)
    return vacancy_id, app


def snapshot(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "application": "SELECT id, stage_id, position, near_fit, updated_at FROM application",
        "history": "SELECT id, application_id, from_stage, to_stage FROM application_stage_change",
        "membership": "SELECT id, pool_id, candidate_id, stage_id, near_fit FROM pool_membership",
        "vacancy": "SELECT id, status, closed_at FROM vacancy",
        "reminders": "SELECT candidate_id, origin, reason FROM reminder WHERE done_at IS NULL",
    }
    with ws.db.sessions() as session:
        return {k: sorted(tuple(r) for r in session.execute(text(q))) for k, q in queries.items()}


def test_the_plan_lists_who_is_still_in_the_pipeline_with_a_suggestion(
    ws: Workspace, clock: TravelClock
) -> None:
    vacancy_id, _ = pipeline(ws, clock)
    plan = ws.closing.plan_close(vacancy_id)
    assert [(p.name, p.stage, p.suggested) for p in plan.people] == [
        ("Cleo Nowak", "Contacted", StageKind.REJECTED),
        ("Dan Nowak", "Contacted", StageKind.REJECTED),
        ("Ben Nowak", "Interviewing", StageKind.REJECTED),
        ("Anna Nowak", "Offer", StageKind.HIRED),
    ]
    assert plan.people[0].do_not_contact and plan.people[1].email is None
    assert plan.outcome_stages[StageKind.REJECTED] == "Not a fit"
    assert plan.hired_before == 0


def test_close_moves_everyone_marks_near_fits_and_reopen_restores_exactly(
    ws: Workspace, clock: TravelClock
) -> None:
    vacancy_id, app = pipeline(ws, clock)
    java = ws.pools.create("Java")
    ws.pools.add_members(java, [person(ws, "Zed")])
    # Ben is in the pool already (not flagged): his membership is updated, not added.
    ben_id = ws.vacancies.board(vacancy_id).cards
    ben = next(c.candidate_id for c in ben_id if c.application_id == app["Ben"])
    ws.pools.add_members(java, [ben])
    before = snapshot(ws)

    closed = ws.closing.close(
        vacancy_id,
        {
            app["Anna"]: StageKind.HIRED,
            app["Ben"]: StageKind.REJECTED,
            app["Cleo"]: StageKind.WITHDRAWN,
            app["Dan"]: StageKind.DECLINED,
        },
        VacancyStatus.FILLED,
        near_fits=[app["Ben"], app["Dan"]],
        near_fit_pool_id=java,
    )
    assert (closed.hired, closed.told, closed.near_fits, closed.pool_name) == (1, 3, 2, "Java")
    board = ws.vacancies.board(vacancy_id)
    kinds = {s.id: s.kind for s in board.stages}
    assert {c.name: kinds[c.stage_id] for c in board.cards} == {
        "Anna Nowak": StageKind.HIRED,
        "Ben Nowak": StageKind.REJECTED,
        "Cleo Nowak": StageKind.WITHDRAWN,
        "Dan Nowak": StageKind.DECLINED,
        "Eve Nowak": StageKind.REJECTED,
    }
    assert {c.name for c in board.cards if c.near_fit} == {"Ben Nowak", "Dan Nowak"}
    record = ws.vacancies.get(vacancy_id)
    assert record.status is VacancyStatus.FILLED and record.closed_on == clock.now.date()
    ben_history = next(a for a in ws.vacancies.applications_of(ben)).history
    assert (ben_history[-1].from_stage, ben_history[-1].to_stage) == ("Interviewing", "Not a fit")
    flagged = {m.pool_name: m.near_fit for m in ws.pools.memberships(ben)}
    assert flagged == {"Java": True}
    after = ws.closing.plan_close(vacancy_id)
    assert (after.people, after.hired_before) == ((), 1)
    # Ben and Dan are owed feedback now (Cleo is do not contact; Anna was hired).
    owed = {
        r[0]
        for r in snapshot(ws)["reminders"]
        if r[1] == "feedback" and "Backend Developer" in (r[2] or "")
    }
    assert owed == {
        ben,
        next(c.candidate_id for c in board.cards if c.name == "Dan Nowak"),
        *{c.candidate_id for c in board.cards if c.name == "Eve Nowak"},
    }

    ws.closing.reopen(closed)
    assert snapshot(ws) == before
    assert len(ws.closing.plan_close(vacancy_id).people) == 4


def test_everyone_needs_an_outcome_of_a_stage_the_role_has(
    ws: Workspace, clock: TravelClock
) -> None:
    vacancy_id, app = pipeline(ws, clock)
    before = snapshot(ws)
    with pytest.raises(ValidationError) as caught:
        ws.closing.close(vacancy_id, {app["Anna"]: StageKind.HIRED})
    assert "3 still in the pipeline" in caught.value.errors["outcomes"]
    everyone = {a: StageKind.REJECTED for a in app.values()}
    with pytest.raises(ValidationError) as caught:
        ws.closing.close(vacancy_id, {**everyone, app["Anna"]: StageKind.OFFER})
    assert "not offer" in caught.value.errors["outcomes"]
    with pytest.raises(ValidationError):
        ws.closing.close(vacancy_id, everyone, VacancyStatus.OPEN)
    with pytest.raises(ValidationError) as caught:
        ws.closing.close(vacancy_id, {**everyone, 9999: StageKind.REJECTED})
    assert "9999" in caught.value.errors["applications"]
    assert snapshot(ws) == before


def test_close_mail_per_outcome_skips_do_not_contact_and_no_address(
    ws: Workspace, clock: TravelClock
) -> None:
    vacancy_id, _ = pipeline(ws, clock)
    plan = ws.closing.plan_close(vacancy_id)
    outcomes = {p.application_id: p.suggested for p in plan.people}
    library = ws.templates()
    templates = {
        StageKind.HIRED: library.get("Welcome aboard"),
        StageKind.REJECTED: library.get("Feedback after interview"),
    }
    outbox = ws.outbox()
    mail = plan_close_mail(outbox, ACCOUNT, plan, outcomes, templates)
    assert (mail.drafts, mail.skipped) == (2, 2)
    rejected = mail.plans[StageKind.REJECTED]
    assert [d.to_name for d in rejected.drafts] == ["Ben Nowak"]
    assert rejected.drafts[0].subject == "Your interview for Backend Developer"
    assert sorted(s.reason for s in rejected.skipped) == [
        "do not contact",
        "no e-mail address",
    ]
    hired = mail.plans[StageKind.HIRED].drafts[0]
    assert hired.subject == "Congratulations on the Backend Developer role"
    ws.closing.close(vacancy_id, outcomes)
    assert queue_close_mail(outbox, mail) == 2
    assert outbox.counts()[OutboxStatus.QUEUED] == 2


def test_an_outcome_the_role_has_no_stage_for_is_not_offered_and_refused(
    ws: Workspace, clock: TravelClock
) -> None:
    vacancy_id, app = pipeline(ws, clock)
    with written_outside(ws.paths.database) as conn:
        conn.exec_driver_sql(
            "DELETE FROM vacancy_stage WHERE kind = 'withdrawn' AND vacancy_id = ?", (vacancy_id,)
        )
    plan = ws.closing.plan_close(vacancy_id)
    assert StageKind.WITHDRAWN not in plan.outcome_stages
    with pytest.raises(ValidationError) as caught:
        ws.closing.close(vacancy_id, {a: StageKind.WITHDRAWN for a in app.values()})
    assert caught.value.errors["stage"] == "Backend Developer has no stage for Withdrawn"


def test_a_sent_close_mail_is_the_feedback_owed(
    ws: Workspace, clock: TravelClock, account: MailAccount, password: str, smtp_server: Any
) -> None:
    """Ben, not hired, is owed feedback; the close e-mail, once the server took it, is logged
    as feedback about that vacancy and settles the reminder. Anna's welcome stays an e-mail."""
    from talentdesk.core.db.enums import InteractionKind
    from talentdesk.core.mail.outbox import Sender

    vacancy_id, _ = pipeline(ws, clock)
    plan = ws.closing.plan_close(vacancy_id)
    outcomes = {p.application_id: p.suggested for p in plan.people}
    library = ws.templates()
    templates = {
        StageKind.HIRED: library.get("Welcome aboard"),
        StageKind.REJECTED: library.get("Feedback after interview"),
    }
    outbox = ws.outbox()
    mail = plan_close_mail(outbox, account, plan, outcomes, templates)
    ws.closing.close(vacancy_id, outcomes)
    queue_close_mail(outbox, mail)
    ben = next(p.candidate_id for p in plan.people if p.name.startswith("Ben"))
    anna = next(p.candidate_id for p in plan.people if p.name.startswith("Anna"))
    owed = [r.reason for r in ws.reminders.for_candidate(ben) if r.done_at is None]
    assert owed == ["Moved to Not a fit for vacancy Backend Developer — tell them"]

    clock.now += timedelta(hours=1)
    report = Sender(outbox, account, password, timeout=5).run(lambda done, total: None)
    assert report.sent == 2
    [told] = [t for t in ws.interactions.timeline(ben) if t.kind is InteractionKind.FEEDBACK]
    assert told.subject == "Your interview for Backend Developer"
    assert [r for r in ws.reminders.for_candidate(ben) if r.done_at is None] == []
    kinds = [t.kind for t in ws.interactions.timeline(anna)]
    assert InteractionKind.EMAIL_OUT in kinds and InteractionKind.FEEDBACK not in kinds
    with ws.db.sessions() as session:
        about = session.execute(
            text("SELECT DISTINCT vacancy_id FROM interaction WHERE candidate_id IN (:a, :b)"),
            {"a": anna, "b": ben},
        ).scalars()
        assert set(about) == {vacancy_id}
