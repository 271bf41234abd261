"""Reading the cell values recruiters' files hold: dates in the common forms, amounts, and the
closed vocabularies (seniority, status) by their value or their label."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from talentdesk.core.db.enums import LabelledEnum

E = TypeVar("E", bound=LabelledEnum)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            ("jan", "sty"), ("feb", "lut"), ("mar",), ("apr", "kwi"), ("may", "maj", "mai"),
            ("jun", "cze"), ("jul", "lip"), ("aug", "sie"), ("sep", "wrz"),
            ("oct", "paz", "okt"), ("nov", "lis"), ("dec", "gru", "dez"),
        )
    )
    for m in names
}  # fmt: skip


def parse_date(text: str, day_first: bool = True) -> date:
    """2025-11-26, 26.11.2025, 26/11/2025 (or 11/26/2025 with day_first False), 26 Nov 2025.

    Raises ValueError with a reason a recruiter understands.
    """
    value = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", value):
        year, month, day = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value):
        day, month, year = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
        first, second, year = (int(g) for g in m.groups())
        day, month = (first, second) if day_first else (second, first)
    elif m := re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -,]*(\d{4})", value):
        day, year = int(m.group(1)), int(m.group(3))
        month = _MONTHS.get(m.group(2).lower(), 0)
    else:
        raise ValueError(f"“{value}” is not a date (use e.g. 2025-11-26 or 26.11.2025)")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"“{value}” is not a valid date") from exc


def parse_amount(text: str) -> Decimal:
    """18000, 18 000, 18'000, 18000,50 or 18000.50; never inf or NaN, which Decimal reads too.

    Raises ValueError with a reason a recruiter understands.
    """
    cleaned = re.sub(r"[\s\u00a0']", "", text.strip())
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"“{_shown(text)}” is not an amount") from exc
    if not amount.is_finite():
        raise ValueError(f"“{_shown(text)}” is not an amount")
    return amount


def _shown(text: str, limit: int = 40) -> str:
    """A cell quoted in a reason, cut short (a 400-digit "amount" would fill the report)."""
    value = text.strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_choice(enum_type: type[E], text: str) -> E:
    """A member by its stored value or its label, in any case ("Do not contact")."""
    key = text.strip().casefold().replace(" ", "_").replace("-", "_")
    for member in enum_type:
        if key in (member.value, member.label.casefold().replace(" ", "_").replace("-", "_")):
            return member
    allowed = ", ".join(m.label for m in enum_type)
    raise ValueError(f"“{text.strip()}” is not one of: {allowed}")
