"""Talent pools, their stages, and who is in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import ReminderOrigin
from talentdesk.core.db.models import Pool, PoolMembership, PoolStage
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import generated
from talentdesk.core.services.modified import mark_modified
from talentdesk.core.stages import default_stages

MAX_CADENCE_DAYS = 3650
POOL_COLOURS = ("#2563eb", "#16a34a", "#db2777", "#ea580c", "#7c3aed", "#0891b2", "#ca8a04")


@dataclass(frozen=True)
class Stage:
    id: int
    name: str
    position: int


@dataclass(frozen=True)
class Membership:
    pool_id: int
    pool_name: str
    colour: str
    stage_id: int
    stage_name: str
    near_fit: bool
    added_at: datetime
    stages: tuple[Stage, ...]
    cadence_days: int | None = None


class PoolService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    @writes("creating a pool")
    def create(self, name: str, description: str | None = None, colour: str | None = None) -> int:
        name = _valid_name(name)
        with self._sessions() as session:
            if colour is None:
                used = session.scalar(select(func.count(Pool.id))) or 0
                colour = POOL_COLOURS[used % len(POOL_COLOURS)]
            pool = Pool(name=name, description=description, colour=colour, created_at=self._clock())
            pool.stages = default_stages(PoolStage)
            session.add(pool)
            _commit_unique(session, name)
            self._sessions.changed(Changes(pools=True))
            return pool.id

    @writes("renaming a pool")
    def rename(self, pool_id: int, name: str) -> None:
        name = _valid_name(name)
        with self._sessions() as session:
            pool = _get(session, pool_id)
            pool.name = name
            _commit_unique(session, name)
            self._sessions.changed(Changes(pools=True, reminders=True, candidate_list=True))

    @writes("setting a pool's cadence")
    def set_cadence(self, pool_id: int, days: int | None) -> None:
        """Keep in touch with every member at least every `days` days (None: no cadence);
        the members' check-in reminders follow at once."""
        if days is not None and not 1 <= days <= MAX_CADENCE_DAYS:
            raise ValidationError({"cadence": f"between 1 and {MAX_CADENCE_DAYS:,} days"})
        with self._sessions.begin() as session:
            _get(session, pool_id).cadence_days = days
            self._refresh(session, pool_ids=[pool_id], origins=[ReminderOrigin.CADENCE])
            self._sessions.changed(Changes(pools=True, reminders=True, candidate_list=True))

    def cadence(self, pool_id: int) -> int | None:
        with self._sessions() as session:
            return _get(session, pool_id).cadence_days

    @writes("deleting a pool")
    def delete(self, pool_id: int) -> None:
        """Delete a pool and its memberships (its generated reminders go with it, by the
        foreign key's cascade); the candidates stay."""
        with self._sessions.begin() as session:
            members = list(
                session.scalars(
                    select(PoolMembership.candidate_id).where(PoolMembership.pool_id == pool_id)
                )
            )
            session.delete(_get(session, pool_id))
            self._sessions.changed(
                Changes.of(members, pools=True, reminders=True, candidate_list=True)
            )

    def stages(self, pool_id: int) -> list[Stage]:
        with self._sessions() as session:
            found = session.scalars(
                select(PoolStage).where(PoolStage.pool_id == pool_id).order_by(PoolStage.position)
            )
            return [Stage(s.id, s.name, s.position) for s in found]

    @writes("adding candidates to a pool")
    def add_members(
        self, pool_id: int, candidate_ids: list[int], stage_id: int | None = None
    ) -> int:
        """Add candidates to a pool (at its first stage unless told); returns how many joined."""
        with self._sessions.begin() as session:
            pool = _get(session, pool_id)
            if stage_id is None:
                stage_id = pool.stages[0].id
            elif stage_id not in {s.id for s in pool.stages}:
                raise ValidationError({"stage": "that stage belongs to another pool"})
            already = set(
                session.scalars(
                    select(PoolMembership.candidate_id).where(
                        PoolMembership.pool_id == pool_id,
                        PoolMembership.candidate_id.in_(candidate_ids),
                    )
                )
            )
            now = self._clock()
            new = [cid for cid in dict.fromkeys(candidate_ids) if cid not in already]
            session.add_all(
                PoolMembership(candidate_id=cid, pool_id=pool_id, stage_id=stage_id, added_at=now)
                for cid in new
            )
            self._refresh(session, candidate_ids=new, pool_ids=[pool_id])
            self._sessions.changed(_membership_changes(new))
            return len(new)

    @writes("removing a candidate from a pool")
    def remove_member(self, pool_id: int, candidate_id: int) -> None:
        with self._sessions.begin() as session:
            session.execute(
                delete(PoolMembership).where(
                    PoolMembership.pool_id == pool_id, PoolMembership.candidate_id == candidate_id
                )
            )
            self._refresh(session, candidate_ids=[candidate_id], pool_ids=[pool_id])
            mark_modified(session, [candidate_id], self._clock())
            self._sessions.changed(_membership_changes([candidate_id]))

    @writes("moving a candidate to another stage")
    def set_stage(self, pool_id: int, candidate_id: int, stage_id: int) -> None:
        with self._sessions.begin() as session:
            membership = _membership(session, pool_id, candidate_id)
            if stage_id not in {s.id for s in membership.pool.stages}:
                raise ValidationError({"stage": "that stage belongs to another pool"})
            if membership.stage_id == stage_id:
                return
            membership.stage_id = stage_id
            membership.stage_changed_at = self._clock()
            membership.stage_changed_by_id = self._sessions.user_id
            self._refresh(
                session,
                candidate_ids=[candidate_id],
                pool_ids=[pool_id],
                origins=[ReminderOrigin.FEEDBACK],
            )
            self._sessions.changed(_membership_changes([candidate_id]))

    @writes("flagging a near-fit")
    def set_near_fit(self, pool_id: int, candidate_id: int, near_fit: bool) -> None:
        with self._sessions.begin() as session:
            membership = _membership(session, pool_id, candidate_id)
            if membership.near_fit == near_fit:
                return
            membership.near_fit = near_fit
            mark_modified(session, [candidate_id], self._clock())  # no dated row of its own
            self._sessions.changed(Changes.of([candidate_id], candidate_list=True))

    def memberships(self, candidate_id: int) -> list[Membership]:
        with self._sessions() as session:
            found = session.scalars(
                select(PoolMembership)
                .join(Pool)
                .where(PoolMembership.candidate_id == candidate_id)
                .order_by(func.lower(Pool.name))
            )
            return [
                Membership(
                    pool_id=m.pool_id,
                    pool_name=m.pool.name,
                    colour=m.pool.colour,
                    stage_id=m.stage_id,
                    stage_name=m.stage.name,
                    near_fit=m.near_fit,
                    added_at=m.added_at,
                    stages=tuple(Stage(s.id, s.name, s.position) for s in m.pool.stages),
                    cadence_days=m.pool.cadence_days,
                )
                for m in found
            ]

    def _refresh(
        self,
        session: Session,
        *,
        candidate_ids: list[int] | None = None,
        pool_ids: list[int],
        origins: list[ReminderOrigin] | None = None,
    ) -> None:
        """Re-evaluate the check-ins and feedback reminders of what just changed, in the same
        transaction (pool-bound reminders need no time zone)."""
        session.flush()  # the SQL below reads what the ORM has not written yet
        generated.refresh_in(
            session.connection(),
            self._clock(),
            None,
            candidate_ids=candidate_ids,
            pool_ids=pool_ids,
            origins=origins,
        )


def _membership_changes(candidate_ids: list[int]) -> Changes:
    return Changes.of(candidate_ids, pools=True, reminders=True, candidate_list=True)


def _valid_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "a pool needs a name"})
    return name


def _get(session: Session, pool_id: int) -> Pool:
    pool = session.get(Pool, pool_id)
    if pool is None:
        raise NotFoundError("This pool no longer exists.")
    return pool


def _membership(session: Session, pool_id: int, candidate_id: int) -> PoolMembership:
    membership = session.scalar(
        select(PoolMembership).where(
            PoolMembership.pool_id == pool_id, PoolMembership.candidate_id == candidate_id
        )
    )
    if membership is None:
        raise NotFoundError("This candidate is no longer in that pool.")
    return membership


def _commit_unique(session: Session, name: str) -> None:
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ValidationError({"name": f"a pool named “{name}” already exists"}) from exc
