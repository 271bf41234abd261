"""What the vacancy services hand out and take in: plain data, no sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from talentdesk.core.db.enums import RemotePolicy, Seniority, StageKind, VacancyStatus
from talentdesk.core.records import TagRef

MAX_TITLE = 200


@dataclass(frozen=True, order=True)
class WantedTag:
    """A tag a role asks for: required, or nice to have."""

    tag: TagRef
    required: bool = True


@dataclass
class VacancyRecord:
    """A role as the editor shows it; `id` None: not saved yet."""

    title: str = ""
    id: int | None = None
    company: str | None = None  # the client
    hiring_manager: str | None = None
    location: str | None = None
    remote_policy: RemotePolicy | None = None
    seniority: Seniority | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str | None = None
    description: str | None = None  # notes
    status: VacancyStatus = VacancyStatus.OPEN
    opened_on: date | None = None  # None: today
    closed_on: date | None = None
    tags: list[WantedTag] = field(default_factory=list)

    @property
    def required_tags(self) -> list[TagRef]:
        return [w.tag for w in self.tags if w.required]

    @property
    def nice_tags(self) -> list[TagRef]:
        return [w.tag for w in self.tags if not w.required]


@dataclass(frozen=True)
class VacancySummary:
    """A row of the vacancies list."""

    id: int
    title: str
    company: str | None
    location: str | None
    status: VacancyStatus
    opened_at: datetime
    closed_at: datetime | None
    in_pipeline: int  # applications not at an outcome stage
    total: int  # every application
    hired: int


@dataclass(frozen=True)
class StageInfo:
    id: int
    name: str
    kind: StageKind
    position: int


@dataclass(frozen=True)
class Card:
    """An application as the board and the pipeline list show it."""

    application_id: int
    candidate_id: int
    name: str
    headline: str  # title at company
    city: str | None
    stage_id: int
    position: int
    near_fit: bool
    moved_at: datetime  # when it reached its stage
    do_not_contact: bool


@dataclass(frozen=True)
class Board:
    vacancy_id: int
    stages: tuple[StageInfo, ...]
    cards: tuple[Card, ...]  # by stage position, then position in the column

    def column(self, stage_id: int) -> list[Card]:
        return [c for c in self.cards if c.stage_id == stage_id]


@dataclass(frozen=True)
class Move:
    from_stage: str | None
    to_stage: str
    to_kind: StageKind | None
    moved_at: datetime


@dataclass(frozen=True)
class ApplicationInfo:
    """One of a candidate's applications, for their profile."""

    application_id: int
    vacancy_id: int
    title: str
    company: str | None
    vacancy_status: VacancyStatus
    stage_id: int
    stage: str
    kind: StageKind
    near_fit: bool
    created_at: datetime
    history: tuple[Move, ...]


@dataclass(frozen=True)
class Added:
    """What adding people to a vacancy did."""

    added: tuple[int, ...]  # candidate ids
    already: int  # were in the pipeline already
    do_not_contact: int  # left out: marked do not contact


@dataclass(frozen=True)
class Moved:
    application_id: int
    candidate_id: int
    from_stage: str
    to_stage: str
