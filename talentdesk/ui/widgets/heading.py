"""A pane's bold title ("Pools", "Lists")."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def heading(text: str) -> QLabel:
    """Plain text in a bold font: rich text ("<b>…</b>") would load Qt's text-document
    machinery before the window's first paint (~10 ms)."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
