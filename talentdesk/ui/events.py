"""Signals that tell panes what changed, so each refreshes only what it shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Events(QObject):
    candidates_changed = Signal()  # names, list membership or sort-relevant fields changed
    candidate_changed = Signal(int)  # one candidate's profile, timeline or reminders changed
    pools_changed = Signal()  # pools added, renamed, deleted or membership counts changed
    reminders_changed = Signal()
