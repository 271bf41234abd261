"""A local date-and-time editor, as the dialogs that ask "when?" use it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDateTimeEdit

from talentdesk.ui.qdates import datetime_of, qdatetime


def local_datetime_edit(value: datetime) -> QDateTimeEdit:
    """Shows `value` (any time zone) in local time, with a calendar popup."""
    edit = QDateTimeEdit(qdatetime(value.astimezone()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def edited_datetime(edit: QDateTimeEdit) -> datetime:
    """The edited local wall time as an aware datetime."""
    return datetime_of(edit.dateTime()).astimezone()
