"""The timeline's "Record consent from this reply": on an "E-mail received" entry (logged, or
matched by the mail sync), a yes in it renews the person's consent (`ws.consent`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from talentdesk.core.db.enums import InteractionKind
from talentdesk.ui.errors import show_error

if TYPE_CHECKING:
    from talentdesk.ui.panes.candidate_history import CandidateHistory

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry's InteractionKind value


def install(pane: CandidateHistory) -> QAction:
    """The action, in the timeline's right-click menu, enabled on a reply received."""
    timeline = pane.timeline
    action = QAction("Record consent from this reply", timeline)
    action.setObjectName("recordConsentFromReply")
    action.setToolTip("They said yes in this e-mail: their consent is renewed from it")
    timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    timeline.addAction(action)

    def update() -> None:
        action.setEnabled(reply_id(pane) is not None and pane._read_only is None)

    timeline.currentItemChanged.connect(update)
    action.triggered.connect(lambda: record(pane))
    update()
    return action


def reply_id(pane: CandidateHistory) -> int | None:
    """The interaction chosen on the timeline when it is an e-mail received."""
    item = pane.timeline.currentItem()
    if item is None or item.data(KIND_ROLE) != InteractionKind.EMAIL_IN.value:
        return None
    value = item.data(Qt.ItemDataRole.UserRole)
    return value if isinstance(value, int) else None


def record(pane: CandidateHistory) -> None:
    interaction_id = reply_id(pane)
    if interaction_id is None:
        return
    consent, name = pane._ws.consent, pane._record.full_name
    pane._events.ops.run(
        f"Recording consent from {name}'s reply",
        lambda: consent.record_from_reply(interaction_id),
        failure=lambda exc: show_error(pane, exc, "Consent not recorded"),
    )
