"""Closing a vacancy: everyone still in its pipeline gets an outcome, the good ones become near
fits in a pool, the role is marked filled or closed — one write operation, which `reopen`
undoes exactly. The feedback e-mails are not part of it (see `close_mail`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import tzinfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import CandidateStatus, StageKind, VacancyStatus
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    Candidate,
    Pool,
    PoolMembership,
    Vacancy,
    VacancyStage,
)
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import generated
from talentdesk.core.vacancies.close_records import (
    CLOSE_OUTCOMES,
    ClosedVacancy,
    ClosePlan,
    InPipeline,
    _AppWas,
    _MembershipWas,
)

CLOSED_STATUSES = (VacancyStatus.FILLED, VacancyStatus.CLOSED)


class ClosingService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz

    def plan_close(self, vacancy_id: int) -> ClosePlan:
        """Who is still in the pipeline (not at an outcome stage), with a suggested outcome:
        hired for whoever reached an offer, not a fit for everyone else."""
        with self._sessions() as session:
            vacancy = _get(session, vacancy_id)
            rows = session.execute(
                select(Application, Candidate, VacancyStage)
                .join(Candidate, Candidate.id == Application.candidate_id)
                .join(VacancyStage, VacancyStage.id == Application.stage_id)
                .where(Application.vacancy_id == vacancy_id)
                .order_by(VacancyStage.position, Application.position, Candidate.sort_name)
            )
            every = list(rows)
            people = tuple(
                InPipeline(
                    application_id=a.id,
                    candidate_id=c.id,
                    name=c.full_name,
                    email=c.email,
                    do_not_contact=c.status is CandidateStatus.DO_NOT_CONTACT,
                    stage=s.name,
                    kind=s.kind,
                    near_fit=a.near_fit,
                    suggested=_suggest(s.kind),
                )
                for a, c, s in every
                if not s.kind.is_outcome
            )
            return ClosePlan(
                vacancy_id,
                vacancy.title,
                vacancy.status,
                people,
                {k: s.name for k, s in _outcome_stages(vacancy).items()},
                sum(s.kind is StageKind.HIRED for _, _, s in every),
            )

    @writes("closing a vacancy")
    def close(
        self,
        vacancy_id: int,
        outcomes: Mapping[int, StageKind],
        status: VacancyStatus = VacancyStatus.CLOSED,
        near_fits: Iterable[int] = (),
        near_fit_pool_id: int | None = None,
        near_fit_stage_id: int | None = None,
    ) -> ClosedVacancy:
        """Move each application in `outcomes` to the vacancy's first stage of that kind
        (recorded in its history), mark `near_fits` (and put them in the pool, flagged), set
        the status and when it closed, and bring the feedback reminders up to date."""
        if status not in CLOSED_STATUSES:
            raise ValidationError({"status": "a closed vacancy is filled or closed"})
        near = list(dict.fromkeys(near_fits))
        with self._sessions.begin() as session:
            vacancy = _get(session, vacancy_id)
            apps = {
                a.id: a
                for a in session.scalars(
                    select(Application).where(Application.vacancy_id == vacancy_id)
                )
            }
            targets = _targets(vacancy, apps, outcomes, near)
            before = tuple(
                _AppWas(a.id, a.candidate_id, a.stage_id, a.position, a.near_fit, a.updated_at)
                for a in apps.values()
                if a.id in outcomes or a.id in near
            )
            history = self._move(session, apps, outcomes, targets)
            for app_id in near:
                apps[app_id].near_fit = True
            pool_name, added, changed = self._pool(
                session, near_fit_pool_id, near_fit_stage_id, [apps[i].candidate_id for i in near]
            )
            status_was, closed_at_was = vacancy.status, vacancy.closed_at
            vacancy.status = status
            vacancy.closed_at = self._clock()
            session.flush()
            candidates = tuple(dict.fromkeys(a.candidate_id for a in before))
            self._refresh(session, candidates)
            self._sessions.changed(_changes(candidates, near_fit_pool_id is not None))
            return ClosedVacancy(
                vacancy_id=vacancy_id,
                title=vacancy.title,
                status=status,
                outcomes=dict(Counter(outcomes[i] for i in outcomes)),
                near_fits=len(near),
                pool_name=pool_name,
                candidate_ids=candidates,
                status_was=status_was,
                closed_at_was=closed_at_was,
                applications_was=before,
                history_added=history,
                memberships_added=added,
                memberships_was=changed,
            )

    @writes("reopening a vacancy")
    def reopen(self, closed: ClosedVacancy) -> None:
        """Put back everything `close` changed: stages, history, near fits, pool memberships
        and the status."""
        with self._sessions.begin() as session:
            vacancy = _get(session, closed.vacancy_id)
            if closed.history_added:
                session.execute(
                    delete(ApplicationStageChange).where(
                        ApplicationStageChange.id.in_(closed.history_added)
                    )
                )
            if closed.memberships_added:
                session.execute(
                    delete(PoolMembership).where(PoolMembership.id.in_(closed.memberships_added))
                )
            for was in closed.applications_was:
                app = session.get(Application, was.id)
                if app is not None:  # the candidate may have been deleted since
                    app.stage_id, app.position = was.stage_id, was.position
                    app.near_fit, app.updated_at = was.near_fit, was.updated_at
            for m in closed.memberships_was:
                membership = session.get(PoolMembership, m.id)
                if membership is not None:
                    membership.near_fit, membership.stage_id = m.near_fit, m.stage_id
                    membership.stage_changed_at = m.stage_changed_at
            vacancy.status, vacancy.closed_at = closed.status_was, closed.closed_at_was
            session.flush()
            self._refresh(session, closed.candidate_ids)
            self._sessions.changed(
                _changes(
                    closed.candidate_ids, bool(closed.memberships_added or closed.memberships_was)
                )
            )

    # -- the parts of a close ----------------------------------------------------------------
    def _move(
        self,
        session: Session,
        apps: dict[int, Application],
        outcomes: Mapping[int, StageKind],
        targets: dict[StageKind, VacancyStage],
    ) -> tuple[int, ...]:
        now = self._clock()
        added: list[ApplicationStageChange] = []
        ends: dict[int, int] = {}
        for app_id, kind in outcomes.items():
            app, target = apps[app_id], targets[kind]
            if app.stage_id == target.id:
                continue
            source = session.get(VacancyStage, app.stage_id)
            change = ApplicationStageChange(
                application_id=app.id,
                from_stage=source.name if source else None,
                to_stage=target.name,
                to_kind=target.kind,
                moved_at=now,
                by_id=self._sessions.user_id,
            )
            session.add(change)
            added.append(change)
            if target.id not in ends:
                last = session.scalar(
                    select(func.max(Application.position)).where(Application.stage_id == target.id)
                )
                ends[target.id] = -1 if last is None else int(last)
            ends[target.id] += 1
            app.stage_id, app.position, app.updated_at = target.id, ends[target.id], now
        session.flush()
        return tuple(c.id for c in added)

    def _pool(
        self, session: Session, pool_id: int | None, stage_id: int | None, candidates: list[int]
    ) -> tuple[str | None, tuple[int, ...], tuple[_MembershipWas, ...]]:
        """Flag `candidates` as near fits in the pool: a new membership (at `stage_id`, else the
        pool's first stage), or the one they have flagged (and moved, if a stage is given)."""
        if pool_id is None:
            return None, (), ()
        pool = session.get(Pool, pool_id)
        if pool is None:
            raise NotFoundError("This pool no longer exists.")
        stage_ids = [s.id for s in pool.stages]
        if stage_id is not None and stage_id not in stage_ids:
            raise ValidationError({"stage": f"that stage belongs to another pool than {pool.name}"})
        existing = {
            m.candidate_id: m
            for m in session.scalars(
                select(PoolMembership).where(
                    PoolMembership.pool_id == pool_id, PoolMembership.candidate_id.in_(candidates)
                )
            )
        }
        now = self._clock()
        added: list[PoolMembership] = []
        changed: list[_MembershipWas] = []
        for candidate_id in candidates:
            m = existing.get(candidate_id)
            if m is None:
                m = PoolMembership(
                    candidate_id=candidate_id,
                    pool_id=pool_id,
                    stage_id=stage_id if stage_id is not None else stage_ids[0],
                    near_fit=True,
                    added_at=now,
                )
                session.add(m)
                added.append(m)
                continue
            changed.append(_MembershipWas(m.id, m.near_fit, m.stage_id, m.stage_changed_at))
            m.near_fit = True
            if stage_id is not None and m.stage_id != stage_id:
                m.stage_id, m.stage_changed_at = stage_id, now
                m.stage_changed_by_id = self._sessions.user_id
        session.flush()
        return pool.name, tuple(m.id for m in added), tuple(changed)

    def _refresh(self, session: Session, candidate_ids: Iterable[int]) -> None:
        ids = list(candidate_ids)
        if ids:
            generated.refresh_in(session.connection(), self._clock(), self._tz, candidate_ids=ids)


def _suggest(kind: StageKind) -> StageKind:
    return StageKind.HIRED if kind is StageKind.OFFER else StageKind.REJECTED


def _get(session: Session, vacancy_id: int) -> Vacancy:
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFoundError("This vacancy no longer exists.")
    return vacancy


def _outcome_stages(vacancy: Vacancy) -> dict[StageKind, VacancyStage]:
    found: dict[StageKind, VacancyStage] = {}
    for stage in vacancy.stages:  # by position: the first of each kind wins
        if stage.kind in CLOSE_OUTCOMES and stage.kind not in found:
            found[stage.kind] = stage
    return found


def _targets(
    vacancy: Vacancy,
    apps: dict[int, Application],
    outcomes: Mapping[int, StageKind],
    near: list[int],
) -> dict[StageKind, VacancyStage]:
    """The stage of each outcome asked for; ValidationError when an outcome, an application
    or someone left in the pipeline does not fit."""
    stages = _outcome_stages(vacancy)
    errors: dict[str, str] = {}
    wrong = sorted({k.value for k in outcomes.values() if k not in CLOSE_OUTCOMES})
    if wrong:
        errors["outcomes"] = "an outcome is hired, rejected, declined or withdrawn, not " + (
            ", ".join(wrong)
        )
    missing = sorted(
        k.label for k in set(outcomes.values()) if k in CLOSE_OUTCOMES and k not in stages
    )
    if missing:
        errors["stage"] = f"{vacancy.title} has no stage for {', '.join(missing)}"
    strangers = [i for i in [*outcomes, *near] if i not in apps]
    if strangers:
        errors["applications"] = f"not in the pipeline of {vacancy.title}: {strangers}"
    stage_kinds = {s.id: s.kind for s in vacancy.stages}
    left = [
        a for a in apps.values() if not stage_kinds[a.stage_id].is_outcome and a.id not in outcomes
    ]
    if left:
        errors["outcomes"] = f"{len(left)} still in the pipeline without an outcome"
    if errors:
        raise ValidationError(errors)
    return stages


def _changes(candidates: Iterable[int], pools: bool) -> Changes:
    return Changes.of(candidates, vacancies=True, reminders=True, pools=pools, candidate_list=pools)
