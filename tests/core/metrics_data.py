"""Small hand-counted data sets for the metrics tests, written behind the services' back (the
metrics only read): people, mail the outbox sent, replies, pools, vacancies and moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from talentdesk.core.db.enums import (
    DEFAULT_PIPELINE,
    InteractionKind,
    OutboxStatus,
    RelationshipKind,
    StageKind,
)
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    Candidate,
    Interaction,
    OutboxMessage,
    Pool,
    PoolMembership,
    PoolStage,
    Vacancy,
    VacancyStage,
)


def day(month: int, d: int, hour: int = 9) -> datetime:
    return datetime(2026, month, d, hour, tzinfo=UTC)


def person(session: Session, first: str, source: str | None = None, **more: object) -> int:
    candidate = Candidate(first_name=first, last_name="Test", email=f"{first}@example.com",
                          source=source, **more)  # fmt: skip
    session.add(candidate)
    session.flush()
    return candidate.id


def referral(session: Session, first: str, by: int) -> int:
    return person(session, first, relationship_kind=RelationshipKind.REFERRED_BY, referred_by_id=by)


def sent(
    session: Session,
    candidate_id: int,
    at: datetime,
    subject: str,
    *,
    queued: datetime | None = None,
    pool_id: int | None = None,
    feedback: bool = False,
    status: OutboxStatus = OutboxStatus.SENT,
    template: str | None = None,
) -> int:
    """A message the outbox sent at `at`, written from `template`; `queued`: when its bulk send
    was queued."""
    kind = InteractionKind.FEEDBACK if feedback else InteractionKind.EMAIL_OUT
    entry = None
    if status is OutboxStatus.SENT:
        entry = log(session, candidate_id, kind, at)
    message = OutboxMessage(
        candidate_id=candidate_id, pool_id=pool_id, is_feedback=feedback, to_name="",
        to_address="x@example.com", subject=subject, template_name=template, body_text="…",
        status=status,
        attempts=1, next_attempt_at=queued or at, created_at=queued or at,
        sent_at=at if status is OutboxStatus.SENT else None, interaction_id=entry,
    )  # fmt: skip
    session.add(message)
    session.flush()
    return message.id


def log(session: Session, candidate_id: int, kind: InteractionKind, at: datetime) -> int:
    entry = Interaction(candidate_id=candidate_id, kind=kind, occurred_at=at)
    session.add(entry)
    session.flush()
    return entry.id


def received(session: Session, candidate_id: int, at: datetime, answers: int | None = None) -> int:
    """An e-mail received; `answers`: the outbox message it replies to (as the IMAP sync and a
    logged reply record it: the message keeps its first reply's time)."""
    entry = log(session, candidate_id, InteractionKind.EMAIL_IN, at)
    if answers is not None:
        message = session.get(OutboxMessage, answers)
        assert message is not None
        if message.replied_at is None or at < message.replied_at:
            message.replied_at, message.reply_interaction_id = at, entry
        session.flush()
    return entry


def pool(session: Session, name: str, cadence_days: int | None = None) -> Pool:
    created = Pool(name=name, cadence_days=cadence_days, created_at=day(1, 1))
    created.stages = [
        PoolStage(name=n, kind=k, position=i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)
    ]
    session.add(created)
    session.flush()
    return created


def member(
    session: Session,
    in_pool: Pool,
    candidate_id: int,
    kind: StageKind = StageKind.NEW,
    added: datetime | None = None,
    changed: datetime | None = None,
) -> None:
    stage = next(s for s in in_pool.stages if s.kind is kind)
    session.add(PoolMembership(candidate_id=candidate_id, pool_id=in_pool.id, stage_id=stage.id,
                               added_at=added or day(1, 1), stage_changed_at=changed))  # fmt: skip
    session.flush()


def vacancy(session: Session, title: str) -> Vacancy:
    created = Vacancy(title=title, opened_at=day(1, 1))
    created.stages = [
        VacancyStage(name=n, kind=k, position=i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)
    ]
    session.add(created)
    session.flush()
    return created


def apply(
    session: Session, to: Vacancy, candidate_id: int, moves: list[tuple[StageKind, datetime]]
) -> int:
    """An application created at its first move, moved through `moves` in order."""
    stages = {s.kind: s for s in to.stages}
    last = stages[moves[-1][0]]
    application = Application(candidate_id=candidate_id, vacancy_id=to.id, stage_id=last.id,
                              created_at=moves[0][1], updated_at=moves[-1][1])  # fmt: skip
    previous: str | None = None
    for kind, at in moves:
        name = stages[kind].name
        application.history.append(ApplicationStageChange(
            from_stage=previous, to_stage=name, to_kind=kind, moved_at=at))  # fmt: skip
        previous = name
    session.add(application)
    session.flush()
    return application.id


HOUR = timedelta(hours=1)
