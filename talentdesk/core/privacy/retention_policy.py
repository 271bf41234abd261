"""The retention policy, kept in the `app_setting` table: how many months after the last
contact a person's data is due for deletion, per legal basis (the French CNIL's guidance for a
talent pool: 24), and how many months after a rejection (German practice: 6). 0: no limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talentdesk.core import settings
from talentdesk.core.db.enums import LegalBasis
from talentdesk.core.settings import Setting, _int_between, _same

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from talentdesk.core.db.reader import ReadConnection

MAX_MONTHS = 240
NO_BASIS = "none"  # no valid basis on record: none, pending, expired or withdrawn
AFTER_CONTACT_DEFAULT = 24
AFTER_REJECTION_DEFAULT = 6


def _months(key: str, default: int) -> Setting[int]:
    return Setting(key, default, _int_between(0, MAX_MONTHS), _same)


# Per legal basis, and for people without a valid one.
AFTER_CONTACT: dict[str, Setting[int]] = {
    basis: _months(f"retention_months_{basis}", AFTER_CONTACT_DEFAULT)
    for basis in [b.value for b in LegalBasis] + [NO_BASIS]
}
AFTER_REJECTION: Setting[int] = _months("retention_months_after_rejection", AFTER_REJECTION_DEFAULT)
ALL: tuple[Setting[Any], ...] = (*AFTER_CONTACT.values(), AFTER_REJECTION)


@dataclass(frozen=True)
class RetentionPolicy:
    after_contact: dict[str, int]  # basis (or NO_BASIS) → months; 0: no limit
    after_rejection: int  # months; 0: no limit

    @classmethod
    def default(cls) -> RetentionPolicy:
        return cls({b: AFTER_CONTACT_DEFAULT for b in AFTER_CONTACT}, AFTER_REJECTION_DEFAULT)

    def to_json(self) -> dict[str, object]:
        return {
            "after_contact_months": self.after_contact,
            "after_rejection_months": self.after_rejection,
        }


def read_policy(source: ReadConnection | Connection | Session) -> RetentionPolicy:
    return RetentionPolicy(
        {basis: settings.read(source, s) for basis, s in AFTER_CONTACT.items()},
        settings.read(source, AFTER_REJECTION),
    )


def write_policy(target: Connection | Session, policy: RetentionPolicy) -> None:
    for basis, setting in AFTER_CONTACT.items():
        settings.write(target, setting, policy.after_contact.get(basis, setting.default))
    settings.write(target, AFTER_REJECTION, policy.after_rejection)


def basis_label(basis: str) -> str:
    return "No valid basis" if basis == NO_BASIS else LegalBasis(basis).label
