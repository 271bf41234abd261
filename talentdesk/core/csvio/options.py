"""What the user decides for an import (kept free of SQLAlchemy: the CLI parser and the
window read it at start-up)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from talentdesk.core.db.enums import ConsentPurpose, LegalBasis
from talentdesk.core.records import TagRef


class OnDuplicate(StrEnum):
    SKIP = "skip"
    FILL = "fill"  # fill only the fields that are empty in TalentDesk
    OVERWRITE = "overwrite"
    NEW = "new"  # import as a new candidate anyway


class OnError(StrEnum):
    SKIP = "skip"  # skip the row and report it
    STOP = "stop"  # stop and write nothing


@dataclass(frozen=True)
class ImportConsent:
    """The legal basis the file's people are kept on: one consent record each, given at the
    import and ending as the Privacy settings say for the basis (core/csvio/consent_rows.py)."""

    basis: LegalBasis = LegalBasis.LEGITIMATE_INTEREST
    purpose: ConsentPurpose = ConsentPurpose.TALENT_POOL
    source: str | None = None  # the file's or the preset's name
    vacancy_id: int | None = None  # with the purpose "vacancy"


@dataclass(frozen=True)
class ImportOptions:
    mapping: list[str]
    pool_id: int | None = None
    stage_id: int | None = None
    tags: tuple[TagRef, ...] = ()
    on_duplicate: OnDuplicate = OnDuplicate.SKIP
    on_error: OnError = OnError.SKIP
    day_first: bool = True  # 03/04/2025 is 3 April
    consent: ImportConsent | None = None  # None: no consent recorded
    preset: str | None = None  # whose export the file is, for the import's record
