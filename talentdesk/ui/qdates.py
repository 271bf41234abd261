"""Qt's dates and times to Python's and back, typed: PySide6 types `toPython()` as `object`
and has no constructor from a Python date in its stubs."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime


def date_of(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def time_of(value: QTime) -> time:
    return time(value.hour(), value.minute(), value.second(), value.msec() * 1000)


def datetime_of(value: QDateTime) -> datetime:
    """The wall time `value` shows, naive (as `QDateTime.toPython()` gives it)."""
    return datetime.combine(date_of(value.date()), time_of(value.time()))


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def qdatetime(value: datetime) -> QDateTime:
    """`value`'s wall time in its own zone, as a local QDateTime (its zone is dropped)."""
    wall = QTime(value.hour, value.minute, value.second, value.microsecond // 1000)
    return QDateTime(qdate(value.date()), wall)
