"""A role's own stages: the display name and order users edit, with a kind from StageKind that
the code relies on. History keeps the names stages had when people moved."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentdesk.core.db.enums import StageKind
from talentdesk.core.db.models import Application, Vacancy, VacancyStage
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes

MAX_STAGE_NAME = 100


class StageEditing:
    """The stage writes of VacancyService (mixed in: `ws.vacancies.add_stage(...)`)."""

    _sessions: Sessions

    def _refresh_feedback(self, session: Session, candidate_ids: list[int]) -> None:
        raise NotImplementedError  # VacancyService's: feedback owed follows stage kinds

    @writes("adding a stage")
    def add_stage(
        self, vacancy_id: int, name: str, kind: StageKind, position: int | None = None
    ) -> int:
        """A new stage at `position` (the ones from there on move right), or last."""
        with self._sessions.begin() as session:
            _exists(session, vacancy_id)
            stages = _stages(session, vacancy_id)
            stage = VacancyStage(
                vacancy_id=vacancy_id, name=_clean(name, stages), kind=kind, position=len(stages)
            )
            session.add(stage)
            session.flush()
            stages.insert(len(stages) if position is None else max(0, position), stage)
            _renumber(stages)
            self._sessions.changed(Changes(vacancies=True))
            return stage.id

    @writes("changing a stage")
    def update_stage(self, stage_id: int, name: str, kind: StageKind) -> None:
        with self._sessions.begin() as session:
            stage = _stage(session, stage_id)
            others = [s for s in _stages(session, stage.vacancy_id) if s.id != stage_id]
            stage.name = _clean(name, others)
            if stage.kind is not kind:
                stage.kind = kind
                people = list(
                    session.scalars(
                        select(Application.candidate_id).where(Application.stage_id == stage_id)
                    )
                )
                self._refresh_feedback(session, people)
                self._sessions.changed(Changes.of(people, vacancies=True, reminders=True))
            self._sessions.changed(Changes(vacancies=True))

    @writes("reordering stages")
    def move_stage(self, stage_id: int, position: int) -> None:
        with self._sessions.begin() as session:
            stage = _stage(session, stage_id)
            stages = [s for s in _stages(session, stage.vacancy_id) if s.id != stage_id]
            stages.insert(max(0, min(position, len(stages))), stage)
            _renumber(stages)
            self._sessions.changed(Changes(vacancies=True))

    @writes("deleting a stage")
    def delete_stage(self, stage_id: int) -> None:
        """Delete an empty stage; one with people in it is refused (move them first)."""
        with self._sessions.begin() as session:
            stage = _stage(session, stage_id)
            people = session.scalar(
                select(func.count(Application.id)).where(Application.stage_id == stage_id)
            )
            if people:
                who = "1 person" if people == 1 else f"{people:,} people"
                raise ValidationError({"stage": f"{stage.name} has {who} in it; move them first"})
            vacancy_id = stage.vacancy_id
            if len(_stages(session, vacancy_id)) == 1:
                raise ValidationError({"stage": "a pipeline needs at least one stage"})
            session.delete(stage)
            session.flush()
            _renumber(_stages(session, vacancy_id))
            self._sessions.changed(Changes(vacancies=True))


def _stages(session: Session, vacancy_id: int) -> list[VacancyStage]:
    return list(
        session.scalars(
            select(VacancyStage)
            .where(VacancyStage.vacancy_id == vacancy_id)
            .order_by(VacancyStage.position, VacancyStage.id)
        )
    )


def _exists(session: Session, vacancy_id: int) -> None:
    if session.get(Vacancy, vacancy_id) is None:
        raise NotFoundError("This vacancy no longer exists.")


def _stage(session: Session, stage_id: int) -> VacancyStage:
    stage = session.get(VacancyStage, stage_id)
    if stage is None:
        raise NotFoundError("This stage no longer exists.")
    return stage


def _clean(name: str, others: list[VacancyStage]) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "a stage needs a name"})
    if len(name) > MAX_STAGE_NAME:
        raise ValidationError({"name": f"at most {MAX_STAGE_NAME} characters"})
    if any(s.name.casefold() == name.casefold() for s in others):
        raise ValidationError({"name": f"there is a stage called {name} already"})
    return name


def _renumber(stages: list[VacancyStage]) -> None:
    for index, stage in enumerate(stages):
        stage.position = index
