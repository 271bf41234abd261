"""What finding duplicates answers: groups of people who look like one person, each pair with
its reasons and a confidence. Plain data, shared by the command line and the window."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class ReasonKind(enum.StrEnum):
    EMAIL = "email"
    LINKEDIN = "linkedin"
    PHONE = "phone"
    NAME_COMPANY = "name_company"  # a similar name at the same company
    NAME_CITY = "name_city"  # a similar name in the same city


# How sure each reason alone makes a pair (0-100); more reasons add a little (`pair_score`).
BASE_SCORE = {
    ReasonKind.EMAIL: 95,
    ReasonKind.LINKEDIN: 95,
    ReasonKind.PHONE: 85,
    ReasonKind.NAME_COMPANY: 70,
    ReasonKind.NAME_CITY: 45,
}
EXTRA_REASON_POINTS = 5
NOT_EXACT_NAME_PENALTY = 10  # a similar (not the same) name is weaker evidence


class Confidence(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def of(cls, score: int) -> Confidence:
        if score >= 85:
            return cls.HIGH
        return cls.MEDIUM if score >= 60 else cls.LOW


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    # What they share: the address, the number (E.164), the URL, the company or city as the
    # first of them spells it.
    value: str
    name_score: int = 100  # for the name reasons: how alike the names are (token sort ratio)

    @property
    def score(self) -> int:
        base = BASE_SCORE[self.kind]
        return base if self.name_score >= 100 else base - NOT_EXACT_NAME_PENALTY

    def text(self) -> str:
        """The reason as a recruiter reads it: "same e-mail anna@x.pl"."""
        similar = "same name" if self.name_score >= 100 else f"similar name ({self.name_score}%)"
        return {
            ReasonKind.EMAIL: f"same e-mail {self.value}",
            ReasonKind.LINKEDIN: f"same LinkedIn {self.value}",
            ReasonKind.PHONE: f"same phone {self.value}",
            ReasonKind.NAME_COMPANY: f"{similar} at {self.value}",
            ReasonKind.NAME_CITY: f"{similar} in {self.value}",
        }[self.kind]


@dataclass(frozen=True)
class Pair:
    """Two candidates (lower id first) and why they look like one person."""

    first_id: int
    second_id: int
    reasons: tuple[Reason, ...]
    score: int = field(init=False, compare=False)  # 0-100, from the reasons

    def __post_init__(self) -> None:
        object.__setattr__(self, "score", pair_score(self.reasons))

    @property
    def confidence(self) -> Confidence:
        return Confidence.of(self.score)

    @property
    def ids(self) -> tuple[int, int]:
        return (self.first_id, self.second_id)


def pair_score(reasons: tuple[Reason, ...]) -> int:
    """The strongest reason, plus a little for each other kind of reason (at most 100)."""
    if len(reasons) == 1:
        return reasons[0].score
    if not reasons:
        return 0
    kinds = {reason.kind for reason in reasons}
    best = max(reason.score for reason in reasons)
    return min(100, best + EXTRA_REASON_POINTS * (len(kinds) - 1))


@dataclass(frozen=True)
class Person:
    """The fields a recruiter compares side by side."""

    id: int
    name: str
    email: str | None
    phone: str | None
    company: str | None
    city: str | None
    created_at: datetime | None


@dataclass(frozen=True)
class DuplicateGroup:
    """People linked by pairs (a pair's partner's partner is in the group too)."""

    members: tuple[Person, ...]  # by id
    pairs: tuple[Pair, ...]  # most confident first
    score: int = field(init=False, compare=False)  # the most confident pair's

    def __post_init__(self) -> None:
        object.__setattr__(self, "score", max((pair.score for pair in self.pairs), default=0))

    @property
    def confidence(self) -> Confidence:
        return Confidence.of(self.score)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(person.id for person in self.members)

    def person(self, candidate_id: int) -> Person | None:
        return next((p for p in self.members if p.id == candidate_id), None)


@dataclass(frozen=True)
class DuplicateReport:
    groups: tuple[DuplicateGroup, ...]  # most confident first
    candidates: int  # how many people were looked at
    # Values shared by so many people that they cannot be one person's (a placeholder e-mail,
    # an office switchboard): left out, with how many share each.
    too_common: tuple[tuple[ReasonKind, str, int], ...] = ()


def report_as_json(report: DuplicateReport, limit: int | None = None) -> dict[str, Any]:
    """The report as JSON-able data (what `talentdesk duplicates --json` prints)."""
    groups = report.groups if limit is None else report.groups[:limit]
    return {
        "candidates": report.candidates,
        "total_groups": len(report.groups),
        "groups": [
            {
                "confidence": group.confidence.value,
                "score": group.score,
                "members": [
                    {
                        "id": p.id,
                        "name": p.name,
                        "email": p.email,
                        "phone": p.phone,
                        "company": p.company,
                        "city": p.city,
                        "created_at": None if p.created_at is None else p.created_at.isoformat(),
                    }
                    for p in group.members
                ],
                "pairs": [
                    {
                        "ids": list(pair.ids),
                        "confidence": pair.confidence.value,
                        "score": pair.score,
                        "reasons": [
                            {"kind": r.kind.value, "value": r.value, "text": r.text()}
                            | ({"name_score": r.name_score} if _is_name(r) else {})
                            for r in pair.reasons
                        ],
                    }
                    for pair in group.pairs
                ],
            }
            for group in groups
        ],
        "too_common": [
            {"kind": kind.value, "value": value, "people": count}
            for kind, value, count in report.too_common
        ],
    }


def _is_name(reason: Reason) -> bool:
    return reason.kind in (ReasonKind.NAME_COMPANY, ReasonKind.NAME_CITY)
