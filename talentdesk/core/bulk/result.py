"""What a bulk action tells the recruiter, and what its undo needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from talentdesk.core.ops.changes import Changes

if TYPE_CHECKING:  # the journal's modules load SQLAlchemy: not before the window's first paint
    from talentdesk.core.bulk.journal import Journal


def people(count: int) -> str:
    """ "1 candidate", "2,314 candidates"."""
    return f"{count:,} candidate" if count == 1 else f"{count:,} candidates"


@dataclass(frozen=True)
class BulkUndo:
    """Everything Undo needs: the rows changed, and what the panes refresh afterwards."""

    what: str  # "tagged 214 candidates Kotlin · skill", for "Undid: …"
    journal: Journal
    changes: Changes


@dataclass(frozen=True)
class BulkResult:
    headline: str  # "Tagged 214 candidates Kotlin · skill"
    changed: int  # people the action changed
    unchanged: int = 0  # people it had nothing to do for (had the tag already, not a member)
    skipped: int = 0  # deleted meanwhile
    notes: tuple[str, ...] = ()  # "12 had it already", "Skipped 3 deleted meanwhile"
    undo: BulkUndo = field(default_factory=lambda: _nothing_to_undo())

    @property
    def summary(self) -> str:
        return " · ".join((self.headline, *self.notes))


def _nothing_to_undo() -> BulkUndo:
    from talentdesk.core.bulk.journal import Journal

    return BulkUndo("", Journal(), Changes())


@dataclass(frozen=True)
class UndoResult:
    summary: str  # "Undid: tagged 214 candidates Kotlin · skill"
    lost: int  # rows that could not come back (their candidate was deleted meanwhile)


def notes(unchanged: str | None, skipped: int) -> tuple[str, ...]:
    """The notes after a headline: what needed nothing, and who was deleted meanwhile."""
    found = [] if unchanged is None else [unchanged]
    if skipped:
        found.append(f"Skipped {skipped:,} deleted meanwhile")
    return tuple(found)


def already(count: int, what: str) -> str | None:
    return f"{count:,} {what}" if count else None


def members_note(in_scope: int, members: int, changed: int, what: str) -> str | None:
    parts = []
    if members - changed:
        parts.append(f"{members - changed:,} {what}")
    if in_scope - members:
        parts.append(f"{in_scope - members:,} not in the pool")
    return " · ".join(parts) or None
