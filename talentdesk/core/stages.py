"""Editing a pipeline's stages, the same way for a pool and a vacancy (one stage model): the
user names and orders the stages and says what each means (its kind); the code relies on the
kind only.

A pipeline is saved whole, as the stages dialog shows it: one operation, so a rename, a new
stage and a reorder land together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import DEFAULT_PIPELINE, ReminderOrigin, StageKind
from talentdesk.core.db.models import (
    Application,
    Pool,
    PoolMembership,
    PoolStage,
    Vacancy,
    VacancyStage,
)
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import generated

MAX_NAME = 100
S = TypeVar("S", PoolStage, VacancyStage)


def default_stages(model: type[S]) -> list[S]:
    """A new pool's or vacancy's stages: the default pipeline, in order."""
    return [model(name=n, kind=k, position=i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)]


class Pipeline(StrEnum):
    POOL = "pool"
    VACANCY = "vacancy"


@dataclass(frozen=True)
class StageRow:
    """A stage as the stages dialog shows it; `id` None: new, not saved yet."""

    id: int | None
    name: str
    kind: StageKind
    people: int = 0  # members or applicants at this stage now


StageModel = type[PoolStage] | type[VacancyStage]


@dataclass(frozen=True)
class _Shape:
    """Where a pipeline's stages and the people at them live."""

    stage: StageModel
    owner: type[Pool] | type[Vacancy]
    owner_key: InstrumentedAttribute[int]  # the stage's pool_id or vacancy_id
    people: type[PoolMembership] | type[Application]
    people_stage: InstrumentedAttribute[int]
    what: str


_SHAPES = {
    Pipeline.POOL: _Shape(
        PoolStage, Pool, PoolStage.pool_id, PoolMembership, PoolMembership.stage_id, "pool"
    ),
    Pipeline.VACANCY: _Shape(
        VacancyStage,
        Vacancy,
        VacancyStage.vacancy_id,
        Application,
        Application.stage_id,
        "vacancy",
    ),
}


class StageService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz

    def stages(self, pipeline: Pipeline, owner_id: int) -> list[StageRow]:
        shape = _SHAPES[pipeline]
        with self._sessions() as session:
            _owner(session, shape, owner_id)
            ids = select(shape.stage.id).where(shape.owner_key == owner_id)
            counts: dict[int, int] = {
                stage_id: n
                for stage_id, n in session.execute(
                    select(shape.people_stage, func.count())
                    .where(shape.people_stage.in_(ids))
                    .group_by(shape.people_stage)
                )
            }
            found = session.execute(
                select(shape.stage.id, shape.stage.name, shape.stage.kind)
                .where(shape.owner_key == owner_id)
                .order_by(shape.stage.position, shape.stage.id)
            )
            return [StageRow(i, name, kind, counts.get(i, 0)) for i, name, kind in found]

    @writes("saving the stages")
    def save(self, pipeline: Pipeline, owner_id: int, rows: list[StageRow]) -> None:
        """Make the pipeline exactly `rows`, in that order: rename, re-kind, add, and remove
        the stages left out (refused while anyone is at one of them)."""
        clean = _checked(rows)
        shape = _SHAPES[pipeline]
        with self._sessions.begin() as session:
            _owner(session, shape, owner_id)
            existing: dict[int, PoolStage | VacancyStage] = {
                s.id: s
                for s in session.scalars(select(shape.stage).where(shape.owner_key == owner_id))
                if isinstance(s, PoolStage | VacancyStage)
            }
            if any(r.id is not None and r.id not in existing for r in clean):
                raise ValidationError({"stages": f"a stage belongs to another {shape.what}"})
            kept = {r.id for r in clean if r.id is not None}
            gone = [s for sid, s in existing.items() if sid not in kept]
            in_use = [(s.name, n) for s in gone if (n := _people_at(session, shape, s.id))]
            if in_use:
                names = ", ".join(f"{name} ({n})" for name, n in in_use)
                raise ValidationError({"stages": f"move everyone out of {names} first"})
            for stage in gone:
                session.delete(stage)
            # Names pass through placeholders first: (owner, name) is unique at every step
            # (a control character no name has; not NUL, which PostgreSQL's text refuses).
            for stage_id in kept:
                existing[stage_id].name = f"\x1f{stage_id}"
            session.flush()
            for position, row in enumerate(clean):
                if row.id is None:
                    session.add(_new(shape, owner_id, row, position))
                else:
                    stage = existing[row.id]
                    stage.name, stage.kind, stage.position = row.name, row.kind, position
            session.flush()
            self._after_save(session, pipeline, owner_id)

    def _after_save(self, session: Session, pipeline: Pipeline, owner_id: int) -> None:
        # A stage's kind says who is owed feedback: those reminders follow at once.
        connection, now = session.connection(), self._clock()
        feedback = [ReminderOrigin.FEEDBACK]
        if pipeline is Pipeline.POOL:
            generated.refresh_in(connection, now, self._tz, pool_ids=[owner_id], origins=feedback)
            self._sessions.changed(Changes(pools=True, candidate_list=True, reminders=True))
            return
        applicants = list(
            session.scalars(
                select(Application.candidate_id).where(Application.vacancy_id == owner_id)
            )
        )
        if applicants:
            generated.refresh_in(
                connection, now, self._tz, candidate_ids=applicants, origins=feedback
            )
        self._sessions.changed(Changes.of(applicants, vacancies=True, reminders=True))


def _owner(session: Session, shape: _Shape, owner_id: int) -> None:
    if session.get(shape.owner, owner_id) is None:
        raise NotFoundError(f"This {shape.what} no longer exists.")


def _people_at(session: Session, shape: _Shape, stage_id: int) -> int:
    query = select(func.count()).select_from(shape.people).where(shape.people_stage == stage_id)
    return session.scalar(query) or 0


def _new(shape: _Shape, owner_id: int, row: StageRow, position: int) -> PoolStage | VacancyStage:
    if shape.stage is PoolStage:
        return PoolStage(pool_id=owner_id, name=row.name, kind=row.kind, position=position)
    return VacancyStage(vacancy_id=owner_id, name=row.name, kind=row.kind, position=position)


def _checked(rows: list[StageRow]) -> list[StageRow]:
    if not rows:
        raise ValidationError({"stages": "a pipeline needs at least one stage"})
    seen: set[str] = set()
    clean: list[StageRow] = []
    for row in rows:
        name = " ".join(row.name.split())
        if not name:
            raise ValidationError({"stages": "every stage needs a name"})
        if len(name) > MAX_NAME:
            raise ValidationError({"stages": f"{name[:20]}…: at most {MAX_NAME} characters"})
        if name.casefold() in seen:
            raise ValidationError({"stages": f"two stages are called {name}"})
        seen.add(name.casefold())
        clean.append(StageRow(row.id, name, row.kind, row.people))
    return clean
