"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and hands them back aware, in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"naive or non-datetime value for a UTC column: {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value  # DateTime's own result processor made it a datetime
        return stored.replace(tzinfo=UTC)


def enum_column(enum_type: type[StrEnum], name: str, check: bool = True) -> Enum:
    """Stored as its value in a VARCHAR with a named CHECK constraint (SQLite has no enums)."""
    return Enum(
        enum_type,
        name=name,
        native_enum=False,
        create_constraint=check,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
