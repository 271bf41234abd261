"""What a merge shows before it runs (`MergePreview`) and what it did (`MergeResult`), as
plain data for the window and the command line."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from talentdesk.core.duplicates.merge_fields import Side

if TYPE_CHECKING:
    from talentdesk.core.duplicates.merge_steps import Step


@dataclass(frozen=True)
class MoveCounts:
    """The other person's rows that move to (or are combined into) the kept one."""

    interactions: int = 0
    reminders: int = 0
    pools: int = 0
    applications: int = 0
    tags: int = 0
    emails: int = 0
    consents: int = 0
    outbox: int = 0

    def describe(self) -> str:
        """ "3 interactions, 1 pool, 2 e-mail addresses" (nothing: "nothing else")."""
        words = {
            "interactions": ("interaction", "interactions"),
            "reminders": ("reminder", "reminders"),
            "pools": ("pool membership", "pool memberships"),
            "applications": ("application", "applications"),
            "tags": ("tag", "tags"),
            "emails": ("e-mail address", "e-mail addresses"),
            "consents": ("consent record", "consent records"),
            "outbox": ("outbox message", "outbox messages"),
        }
        parts = [f"{n:,} {words[name][n != 1]}" for name, n in asdict(self).items() if n]
        return ", ".join(parts) or "nothing else"


@dataclass(frozen=True)
class FieldChoice:
    """One row of the side-by-side view."""

    key: str
    label: str
    keep_text: str
    other_text: str
    same: bool  # nothing to choose
    default: Side


@dataclass(frozen=True)
class MergePreview:
    keep_id: int
    other_id: int
    keep_name: str
    other_name: str
    keep_updated_at: datetime
    other_updated_at: datetime
    fields: list[FieldChoice]
    moving: MoveCounts
    shared_pools: int  # pools both are in: one membership, the further stage
    shared_vacancies: int  # vacancies both applied to: the further application

    def default_picks(self) -> dict[str, Side]:
        return {f.key: f.default for f in self.fields}


@dataclass(frozen=True)
class MergeResult:
    """A merge done; `steps` are what `MergeService.unmerge` reverses."""

    kept_id: int
    merged_id: int
    kept_name: str
    merged_name: str
    picks: dict[str, Side]
    moved: MoveCounts
    merged_at: datetime
    steps: list[Step] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        return f"Merged {self.merged_name} into {self.kept_name}: moved {self.moved.describe()}."

    def to_json(self) -> dict[str, Any]:
        return {
            "kept_id": self.kept_id,
            "merged_id": self.merged_id,
            "kept_name": self.kept_name,
            "merged_name": self.merged_name,
            "merged_at": self.merged_at.isoformat(),
            "picks": dict(self.picks),
            "moved": asdict(self.moved),
        }
