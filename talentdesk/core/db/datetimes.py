"""How datetimes are stored: naive UTC text in SQLAlchemy's SQLite format. Raw SQL (the reader,
triggers, bulk seeding) must match it so that text comparisons order correctly."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload

DB_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def to_db(value: datetime) -> str:
    """An aware datetime as the text the database holds (UTC, fixed width)."""
    return value.astimezone(UTC).strftime(DB_DATETIME_FORMAT)


@overload
def from_db(value: str | datetime) -> datetime: ...
@overload
def from_db(value: None) -> None: ...
@overload
def from_db(value: str | datetime | None) -> datetime | None: ...


def from_db(value: str | datetime | None) -> datetime | None:
    """Stored text back to an aware UTC datetime (a PostgreSQL server's raw SQL already gives
    a naive UTC datetime)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)
