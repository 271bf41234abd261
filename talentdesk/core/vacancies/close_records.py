"""What closing a vacancy hands out: who is still in the pipeline, and what a close changed
(enough to put every row back as it was)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from talentdesk.core.db.enums import StageKind, VacancyStatus

# What the close asks for each person still in the pipeline, in the order it offers them.
CLOSE_OUTCOMES: tuple[StageKind, ...] = (
    StageKind.HIRED,
    StageKind.REJECTED,
    StageKind.DECLINED,
    StageKind.WITHDRAWN,
)


@dataclass(frozen=True)
class InPipeline:
    """Someone not at an outcome stage yet, with what the close suggests for them."""

    application_id: int
    candidate_id: int
    name: str
    email: str | None
    do_not_contact: bool
    stage: str
    kind: StageKind
    near_fit: bool
    suggested: StageKind


@dataclass(frozen=True)
class ClosePlan:
    vacancy_id: int
    title: str
    status: VacancyStatus
    people: tuple[InPipeline, ...]
    # The stage each outcome moves people to (its first of that kind); a kind it lacks is absent.
    outcome_stages: dict[StageKind, str]
    hired_before: int = 0  # at a hired stage already


@dataclass(frozen=True)
class _AppWas:
    id: int
    candidate_id: int
    stage_id: int
    position: int
    near_fit: bool
    updated_at: datetime


@dataclass(frozen=True)
class _MembershipWas:
    id: int
    near_fit: bool
    stage_id: int
    stage_changed_at: datetime | None


@dataclass(frozen=True)
class ClosedVacancy:
    """What `close` did, and what `reopen` needs to undo it exactly."""

    vacancy_id: int
    title: str
    status: VacancyStatus
    outcomes: dict[StageKind, int]  # how many moved to each outcome
    near_fits: int
    pool_name: str | None
    candidate_ids: tuple[int, ...]
    # The undo data: rows as they were, and rows added.
    status_was: VacancyStatus = VacancyStatus.OPEN
    closed_at_was: datetime | None = None
    applications_was: tuple[_AppWas, ...] = field(default=(), repr=False)
    history_added: tuple[int, ...] = field(default=(), repr=False)
    memberships_added: tuple[int, ...] = field(default=(), repr=False)
    memberships_was: tuple[_MembershipWas, ...] = field(default=(), repr=False)

    @property
    def hired(self) -> int:
        return self.outcomes.get(StageKind.HIRED, 0)

    @property
    def told(self) -> int:
        """Ended without a hire: the people the feedback is for."""
        return sum(n for kind, n in self.outcomes.items() if kind is not StageKind.HIRED)
