"""Vacancies: create and edit roles, their stages, and the applications moving through them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.base import table_of
from talentdesk.core.db.enums import (
    CandidateStatus,
    ReminderOrigin,
    StageKind,
    VacancyStatus,
)
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    Candidate,
    Interaction,
    Tag,
    Vacancy,
    VacancyStage,
    VacancyTag,
)
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.records import TagRef
from talentdesk.core.reminders import generated
from talentdesk.core.stages import default_stages
from talentdesk.core.vacancies import editing, queries
from talentdesk.core.vacancies.records import (
    Added,
    ApplicationInfo,
    Board,
    Moved,
    StageInfo,
    VacancyRecord,
    VacancySummary,
)


@dataclass(frozen=True)
class DeletedVacancy:
    """Everything a deleted role owned, for `restore`."""

    title: str
    rows: tuple[tuple[Table, list[dict[str, Any]]], ...]
    interactions: tuple[int, ...]  # timeline entries that named the role


# Parents before children, so restoring satisfies the foreign keys.
_OWNED = (Vacancy, VacancyStage, VacancyTag, Application, ApplicationStageChange)


class VacancyService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz

    # -- roles -------------------------------------------------------------------------------
    def summaries(
        self, statuses: frozenset[VacancyStatus] | None = None, words: str = ""
    ) -> list[VacancySummary]:
        with self._sessions() as session:
            return queries.summaries(session, statuses, words)

    def get(self, vacancy_id: int) -> VacancyRecord:
        with self._sessions() as session:
            vacancy = session.get(Vacancy, vacancy_id, options=[selectinload(Vacancy.tags)])
            if vacancy is None:
                raise NotFoundError("This vacancy no longer exists.")
            ids = [t.tag_id for t in vacancy.tags]
            names = {
                tag_id: TagRef(category, name)
                for tag_id, category, name in session.execute(
                    select(Tag.id, Tag.category, Tag.name).where(Tag.id.in_(ids))
                )
            }
            return editing.to_record(vacancy, names)

    @writes("adding a vacancy")
    def create(self, record: VacancyRecord) -> int:
        clean = editing.validate(record)
        with self._sessions.begin() as session:
            vacancy = Vacancy(title=clean.title)
            vacancy.stages = default_stages(VacancyStage)
            session.add(vacancy)
            editing.apply(session, vacancy, clean, self._today())
            session.flush()
            self._sessions.changed(Changes(vacancies=True))
            return vacancy.id

    @writes("saving a vacancy")
    def update(self, record: VacancyRecord) -> None:
        if record.id is None:
            raise ValueError("update needs a saved vacancy")
        clean = editing.validate(record)
        with self._sessions.begin() as session:
            editing.apply(session, _get(session, record.id), clean, self._today())
            self._sessions.changed(Changes(vacancies=True))

    @writes("changing a vacancy's status")
    def set_status(self, vacancy_id: int, status: VacancyStatus) -> None:
        with self._sessions.begin() as session:
            vacancy = _get(session, vacancy_id)
            vacancy.status = status
            closed = status in (VacancyStatus.FILLED, VacancyStatus.CLOSED)
            if closed and vacancy.closed_at is None:
                vacancy.closed_at = self._clock()
            elif not closed:
                vacancy.closed_at = None
            self._sessions.changed(Changes(vacancies=True))

    @writes("deleting a vacancy")
    def delete(self, vacancy_id: int) -> DeletedVacancy:
        """Delete a role with its stages and applications; `restore` undoes it."""
        with self._sessions.begin() as session:
            vacancy = _get(session, vacancy_id)
            title = vacancy.title
            app_ids = list(
                session.scalars(select(Application.id).where(Application.vacancy_id == vacancy_id))
            )
            rows: list[tuple[Table, list[dict[str, Any]]]] = []
            for model in _OWNED:
                table = table_of(model)
                if model is Vacancy:
                    where = table.c.id == vacancy_id
                elif model is ApplicationStageChange:
                    where = table.c.application_id.in_(app_ids)
                else:
                    where = table.c.vacancy_id == vacancy_id
                found = session.execute(select(table).where(where))
                rows.append((table, [dict(r._mapping) for r in found]))
            named = tuple(
                session.scalars(select(Interaction.id).where(Interaction.vacancy_id == vacancy_id))
            )
            candidates = [r["candidate_id"] for r in rows[3][1]]
            session.execute(delete(Vacancy).where(Vacancy.id == vacancy_id))
            self._refresh_feedback(session, candidates)
            self._sessions.changed(Changes.of(candidates, vacancies=True, reminders=True))
        return DeletedVacancy(title, tuple(rows), named)

    @writes("restoring a vacancy")
    def restore(self, deleted: DeletedVacancy) -> None:
        with self._sessions.begin() as session:
            for table, table_rows in deleted.rows:
                if table_rows:
                    session.execute(insert(table), table_rows)
            vacancy_id = deleted.rows[0][1][0]["id"]
            if deleted.interactions:
                session.execute(
                    update(Interaction)
                    .where(Interaction.id.in_(deleted.interactions))
                    .values(vacancy_id=vacancy_id)
                )
            candidates = [r["candidate_id"] for r in deleted.rows[3][1]]
            self._refresh_feedback(session, candidates)
            self._sessions.changed(Changes.of(candidates, vacancies=True, reminders=True))

    # -- the pipeline ------------------------------------------------------------------------
    def stages(self, vacancy_id: int) -> tuple[StageInfo, ...]:
        with self._sessions() as session:
            return queries.stages(session, vacancy_id)

    def board(self, vacancy_id: int) -> Board:
        with self._sessions() as session:
            _get(session, vacancy_id)
            return queries.board(session, vacancy_id)

    def applications_of(self, candidate_id: int) -> list[ApplicationInfo]:
        with self._sessions() as session:
            return queries.applications_of(session, candidate_id)

    @writes("adding candidates to a vacancy")
    def add_candidates(
        self, vacancy_id: int, candidate_ids: list[int], stage_id: int | None = None
    ) -> Added:
        """Put candidates in a role's pipeline, at "Contacted" (its first stage of that kind)
        unless told; people marked do not contact, or already there, are left as they are."""
        with self._sessions.begin() as session:
            vacancy = _get(session, vacancy_id)
            stage = _stage_of(vacancy, stage_id) if stage_id is not None else _contacted(vacancy)
            already = set(
                session.scalars(
                    select(Application.candidate_id).where(
                        Application.vacancy_id == vacancy_id,
                        Application.candidate_id.in_(candidate_ids),
                    )
                )
            )
            status: dict[int, CandidateStatus] = {
                candidate_id: state
                for candidate_id, state in session.execute(
                    select(Candidate.id, Candidate.status).where(Candidate.id.in_(candidate_ids))
                )
            }
            dnc = {c for c, s in status.items() if s is CandidateStatus.DO_NOT_CONTACT}
            wanted = [c for c in dict.fromkeys(candidate_ids) if c in status]
            new = [c for c in wanted if c not in already and c not in dnc]
            now = self._clock()
            last = _last_position(session, stage.id)
            for offset, candidate_id in enumerate(new, start=1):
                application = Application(
                    candidate_id=candidate_id,
                    vacancy_id=vacancy_id,
                    stage_id=stage.id,
                    position=last + offset,
                    created_at=now,
                    updated_at=now,
                )
                application.history = [
                    ApplicationStageChange(
                        from_stage=None,
                        to_stage=stage.name,
                        to_kind=stage.kind,
                        moved_at=now,
                        by_id=self._sessions.user_id,
                    )
                ]
                session.add(application)
            self._sessions.changed(Changes.of(new, vacancies=True))
            return Added(tuple(new), len(already & set(wanted)), len(dnc - already))

    @writes("moving a candidate in a pipeline")
    def move(self, application_id: int, stage_id: int, position: int | None = None) -> Moved:
        """Move an application to another stage of its vacancy (to `position` in that column,
        else to its end); the move is recorded with its time. Moves from two windows both land
        and both are in the history; the later one wins."""
        with self._sessions.begin() as session:
            application = session.get(Application, application_id)
            if application is None:
                raise NotFoundError("This candidate is no longer in that vacancy's pipeline.")
            vacancy = _get(session, application.vacancy_id)
            target = _stage_of(vacancy, stage_id)
            source = application.stage
            now = self._clock()
            if target.id != source.id:
                application.history.append(
                    ApplicationStageChange(
                        from_stage=source.name,
                        to_stage=target.name,
                        to_kind=target.kind,
                        moved_at=now,
                        by_id=self._sessions.user_id,
                    )
                )
            _place(session, application, target.id, position)
            application.stage_id = target.id
            application.updated_at = now
            session.flush()
            self._refresh_feedback(session, [application.candidate_id])
            self._sessions.changed(
                Changes.of([application.candidate_id], vacancies=True, reminders=True)
            )
            return Moved(application.id, application.candidate_id, source.name, target.name)

    @writes("marking near fits")
    def set_near_fit(self, application_ids: list[int], near_fit: bool) -> None:
        with self._sessions.begin() as session:
            found = list(
                session.scalars(select(Application).where(Application.id.in_(application_ids)))
            )
            for application in found:
                application.near_fit = near_fit
            self._sessions.changed(Changes.of([a.candidate_id for a in found], vacancies=True))

    def _today(self) -> date:
        return self._clock().date()

    def _refresh_feedback(self, session: Session, candidate_ids: list[int]) -> None:
        if candidate_ids:
            session.flush()
            generated.refresh_in(
                session.connection(),
                self._clock(),
                self._tz,
                candidate_ids=candidate_ids,
                origins=[ReminderOrigin.FEEDBACK],
            )


def _get(session: Session, vacancy_id: int) -> Vacancy:
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFoundError("This vacancy no longer exists.")
    return vacancy


def _stage_of(vacancy: Vacancy, stage_id: int) -> VacancyStage:
    for stage in vacancy.stages:
        if stage.id == stage_id:
            return stage
    names = ", ".join(s.name for s in vacancy.stages)
    raise ValidationError(
        {"stage": f"that stage belongs to another vacancy; {vacancy.title} has {names}"}
    )


def _contacted(vacancy: Vacancy) -> VacancyStage:
    for stage in vacancy.stages:
        if stage.kind is StageKind.CONTACTED:
            return stage
    return vacancy.stages[0]


def _last_position(session: Session, stage_id: int) -> int:
    found = session.scalar(
        select(func.max(Application.position)).where(Application.stage_id == stage_id)
    )
    return int(found) if found is not None else -1


def _place(session: Session, application: Application, stage_id: int, position: int | None) -> None:
    """Give `application` its place in the column of `stage_id`: at `position` (the others
    from there on move down one), or after the last card."""
    if position is None:
        application.position = _last_position(session, stage_id) + 1
        return
    column = list(
        session.scalars(
            select(Application)
            .where(Application.stage_id == stage_id, Application.id != application.id)
            .order_by(Application.position, Application.id)
        )
    )
    position = max(0, min(position, len(column)))
    column.insert(position, application)
    for index, card in enumerate(column):
        card.position = index
