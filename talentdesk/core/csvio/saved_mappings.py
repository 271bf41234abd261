"""Column mappings the user saved under a name ("LinkedIn export", "Agency sheet"), reused on the
next file of the same kind, by the wizard and by `talentdesk import --mapping NAME`.

A saved mapping remembers each column by its header, so a later file may reorder, add or drop
columns: `apply` matches headers by their folded form (case, diacritics and punctuation do not
matter) and guesses the columns the mapping has never seen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.csvio.mapping import (
    APPEND_NOTES,
    IGNORE,
    PRESET_NAMES,
    TARGETS,
    fold_header,
    guess_mapping,
)
from talentdesk.core.db.models import ImportMapping
from talentdesk.core.errors import NotFoundError, TalentDeskError, ValidationError
from talentdesk.core.normalize import sort_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from talentdesk.core.db.migrate import Database

MAX_NAME = 100


@dataclass(frozen=True)
class SavedMapping:
    name: str
    columns: tuple[tuple[str, str], ...]  # (header, target) in the order of the saved file
    preset: str
    created_at: datetime
    updated_at: datetime

    @property
    def header(self) -> list[str]:
        return [header for header, _ in self.columns]

    @property
    def targets(self) -> list[str]:
        return [target for _, target in self.columns]


def list_mappings(db: Database) -> list[SavedMapping]:
    """Every saved mapping, by name as people sort it (case and diacritics aside)."""
    with db.sessions() as session:
        found = session.scalars(select(ImportMapping))
        return sorted((_saved(m) for m in found), key=lambda m: sort_key(m.name))


def get(db: Database, name: str) -> SavedMapping:
    """The mapping saved as `name` (in any case); NotFoundError naming the saved ones."""
    with db.sessions() as session:
        found = _find(session, name)
        if found is None:
            raise _not_found(session, name)
        return _saved(found)


def save(
    db: Database,
    name: str,
    header: list[str],
    targets: list[str],
    preset: str = "auto",
    clock: Clock = utcnow,
) -> SavedMapping:
    """Save the mapping of `header` onto `targets` as `name`, replacing one of that name."""
    name = check_name(name)
    if len(header) != len(targets):
        raise TalentDeskError(
            f"The mapping has {len(targets)} targets for {len(header)} columns.",
            "Give one target per column (“ignore” for a column to leave out).",
        )
    unknown = sorted({t for t in targets if t not in TARGETS})
    if unknown:
        raise TalentDeskError(
            f"Unknown target(s): {', '.join(unknown)}.", f"Targets: {', '.join(TARGETS)}."
        )
    if preset not in PRESET_NAMES:
        raise TalentDeskError(f"Unknown preset “{preset}”.", f"Presets: {', '.join(PRESET_NAMES)}.")
    columns = [{"header": h, "target": t} for h, t in zip(header, targets, strict=True)]
    now = clock()

    def store() -> SavedMapping:
        with db.sessions.begin() as session:
            mapping = _find(session, name)
            if mapping is None:
                mapping = ImportMapping(created_at=now)
                session.add(mapping)
            mapping.name = name  # a re-save may change the spelling ("linkedin" → "LinkedIn")
            mapping.columns = columns
            mapping.preset = preset
            mapping.updated_at = now
            session.flush()
            return _saved(mapping)

    return db.writer.run(store, label="saving a column mapping")


def delete(db: Database, name: str) -> None:
    def remove() -> None:
        with db.sessions.begin() as session:
            found = _find(session, name)
            if found is None:
                raise _not_found(session, name)
            session.delete(found)

    db.writer.run(remove, label="deleting a column mapping")


def check_name(name: str) -> str:
    """`name` trimmed, or ValidationError (lets a caller refuse a bad name before any work)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "a saved mapping needs a name"})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": f"use at most {MAX_NAME} characters"})
    return name


def apply(saved: SavedMapping, header: list[str]) -> list[str]:
    """A target for every column of `header`: the saved one for a column the mapping knows
    (by folded header; a header the file repeats takes the saved targets in order), the guess
    from the saved preset for the others. A guess that would feed a field a known column
    already feeds is dropped, so one field never gets two columns."""
    known: dict[str, list[str]] = defaultdict(list)
    for saved_header, target in saved.columns:
        known[fold_header(saved_header)].append(target)
    seen: dict[str, int] = defaultdict(int)
    chosen: list[str | None] = []
    for name in header:
        folded = fold_header(name)
        targets = known.get(folded, [])
        chosen.append(targets[seen[folded]] if seen[folded] < len(targets) else None)
        seen[folded] += 1
    taken = {t for t in chosen if t is not None and not _collects(t)}
    guesses = guess_mapping(header, saved.preset)
    return [
        target if target is not None else _unless_taken(guess, taken)
        for target, guess in zip(chosen, guesses, strict=True)
    ]


def _collects(target: str) -> bool:
    """Targets that take several columns (as guess_mapping allows)."""
    return target in (IGNORE, APPEND_NOTES, "other_emails") or target.startswith("tags")


def _unless_taken(guess: str, taken: set[str]) -> str:
    if guess not in taken:
        return guess
    return "other_emails" if guess == "email" else IGNORE


def _find(session: Session, name: str) -> ImportMapping | None:
    # Compared in Python: SQLite's NOCASE folds only ASCII, and there are few saved mappings.
    wanted = name.strip().casefold()
    return next(
        (m for m in session.scalars(select(ImportMapping)) if m.name.casefold() == wanted), None
    )


def _not_found(session: Session, name: str) -> NotFoundError:
    saved = sorted(session.scalars(select(ImportMapping.name)), key=sort_key)
    hint = f"Saved mappings: {', '.join(saved)}." if saved else "No mapping has been saved yet."
    return NotFoundError(f"There is no saved mapping named “{name.strip()}”.", hint)


def _saved(mapping: ImportMapping) -> SavedMapping:
    return SavedMapping(
        name=mapping.name,
        columns=tuple((c["header"], c["target"]) for c in mapping.columns),
        preset=mapping.preset,
        created_at=mapping.created_at,
        updated_at=mapping.updated_at,
    )
