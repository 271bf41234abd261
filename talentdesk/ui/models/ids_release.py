"""Letting go of a long list's ids without holding the GUI thread (ui/models/candidate_table.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer


def let_go(owner: QObject, old: list[int], new: list[int]) -> list[int]:
    """`new`, the ids replacing `old`: a long list is let go a slice per event (freeing
    1,000,000 ids at once holds the GUI thread ~20 ms). `old` is the model's own."""
    if len(old) > _SLICE:

        def drop() -> None:
            del old[-_SLICE:]
            if old:
                QTimer.singleShot(0, owner, drop)

        QTimer.singleShot(0, owner, drop)
    return new


_SLICE = 50_000  # ids freed per event: ~1 ms
