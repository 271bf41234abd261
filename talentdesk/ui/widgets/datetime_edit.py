"""A local date-and-time editor, as the dialogs that ask "when?" use it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit


def local_datetime_edit(value: datetime) -> QDateTimeEdit:
    """Shows `value` (any time zone) in local time, with a calendar popup."""
    edit = QDateTimeEdit(QDateTime(value.astimezone().replace(tzinfo=None)))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def edited_datetime(edit: QDateTimeEdit) -> datetime:
    """The edited local wall time as an aware datetime."""
    return edit.dateTime().toPython().astimezone()
