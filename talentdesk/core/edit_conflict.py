"""Two recruiters editing the same candidate (issue 18, "no lost updates"): a save names the
version its form loaded (`CandidateRecord.version`); when the row has moved on since, the
save is refused with an `EditConflictError` that says what differs between what is stored now
("theirs") and what the form holds ("yours"), so that the recruiter chooses: keep theirs, or
save theirs over with the version it now has (`resave`).

Free of SQLAlchemy, so the window can use it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import Enum

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import PLAIN_FIELDS, CandidateRecord

# As the profile form names them.
LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "E-mail",
    "other_emails": "Other e-mails",
    "phone": "Phone",
    "city": "City",
    "country": "Country",
    "linkedin_url": "LinkedIn",
    "birthday": "Birthday",
    "title": "Current title",
    "company": "Company",
    "seniority": "Seniority",
    "industry": "Industry",
    "status": "Status",
    "source": "Source",
    "relationship_kind": "Relationship",
    "referred_by_id": "Referred by",
    "relationship_note": "Relationship note",
    "motivators": "Motivators",
    "doubts": "Doubts",
    "competing_offers": "Competing offers",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "salary_currency": "Currency",
    "notice_period": "Notice period",
    "available_from": "Available from",
    "notes": "Notes",
    "tags": "Tags",
}
COMPARED = (*PLAIN_FIELDS, "other_emails", "tags")
EMPTY = "(empty)"


@dataclass(frozen=True)
class FieldDifference:
    """One field that differs: its name, its label, and each side as the form would show it."""

    field: str
    label: str
    theirs: str
    yours: str


class EditConflictError(TalentDeskError):
    """Someone else saved the candidate after this form loaded them: nothing was written."""

    def __init__(self, theirs: CandidateRecord, yours: CandidateRecord) -> None:
        self.theirs = theirs  # as stored now, with the version it has
        self.yours = yours  # what the save held
        self.differences = differences(theirs, yours)
        name = theirs.full_name or yours.full_name or "This candidate"
        fields = ", ".join(d.label for d in self.differences) or "nothing the form shows"
        super().__init__(
            f"Someone else changed {name} while you were editing ({fields}).",
            "Nothing was saved. Keep your version, take theirs, or go on editing.",
        )
        self.name = name


def resave(conflict: EditConflictError) -> CandidateRecord:
    """What the form held, to be saved over theirs: the version they saved at."""
    return replace(conflict.yours, version=conflict.theirs.version)


def differences(theirs: CandidateRecord, yours: CandidateRecord) -> list[FieldDifference]:
    """The fields whose values differ, in the form's order (tags and e-mails as sets)."""
    found = []
    for name in COMPARED:
        if _comparable(theirs, name) != _comparable(yours, name):
            label = LABELS.get(name, name)
            found.append(FieldDifference(name, label, _shown(theirs, name), _shown(yours, name)))
    return found


def _comparable(record: CandidateRecord, name: str) -> object:
    if name == "tags":
        return frozenset((t.category, t.name.casefold()) for t in record.tags)
    if name == "other_emails":
        return frozenset(e.lower() for e in record.other_emails)
    value = getattr(record, name)
    if isinstance(value, str) and not isinstance(value, Enum):
        return value.strip() or None
    return value


def _shown(record: CandidateRecord, name: str) -> str:
    if name == "tags":
        return ", ".join(str(t) for t in sorted(record.tags)) or EMPTY
    if name == "other_emails":
        return ", ".join(record.other_emails) or EMPTY
    value = getattr(record, name)
    if value is None or value == "":
        return EMPTY
    if name == "referred_by_id":
        return record.referred_by_name or f"candidate #{value}"
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
