"""The filter builder: a smart list's name and filter in plain words, with a live count of the
people it matches. OK saves the list (an operation on the write path)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.lists.filter_form import Choices, FilterForm

COUNT_DELAY_MS = 150  # count once the user pauses, not at every key
Counter = Callable[[Filter], int]
# Runs on the write path: stores (name, filter) and returns the list's id.
Saver = Callable[[str, Filter], int]


def choices_of(ws: Workspace) -> Choices:
    """The pools, vacancies and tags a filter can name."""
    return Choices(
        pools=[(p.id, p.name) for p in ws.reads.pool_summaries(counted=False)],
        vacancies=[(v.id, v.title) for v in ws.vacancies.summaries()],
        tags=ws.candidates.tag_names(),
    )


def matches_text(count: int) -> str:
    if count == 0:
        return "No one matches this filter yet"
    return f"{count:,} candidate{'' if count == 1 else 's'} match{'es' if count == 1 else ''}"


class FilterDialog(QDialog):
    saved = Signal(int)  # the list's id, once stored

    def __init__(
        self,
        events: Events,
        choices: Choices,
        counter: Counter,
        saver: Saver,
        *,
        today: Callable[[], date],
        title: str = "New list",
        name: str = "",
        flt: Filter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("filterDialog")
        self._events = events
        self._counter = counter
        self._saver = saver
        self.name = QLineEdit(name)
        self.name.setObjectName("listName")
        self.name.setPlaceholderText("e.g. Declined offers — last 12 months")
        self.form = FilterForm(choices, today)
        if flt is not None:
            self.form.set_filter(flt)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.count_label = QLabel()
        self.count_label.setObjectName("matchCount")
        self.count_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow("&Name:", self.name)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self._timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._timer.timeout.connect(self.update_count)
        self.form.changed.connect(self._timer.start)
        self.name.textChanged.connect(lambda _t: self._update_ok())
        self._problem: str | None = None
        self.saving = False
        self.resize(760, 660)
        self.update_count()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the name saves (and Ctrl+Enter anywhere); Enter in a field of the filter
        does what it does there (adds the tag typed), not save half a filter."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save()
            return
        focused = self.focusWidget()
        if enter and focused is not self.name and not isinstance(focused, QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- the live count -------------------------------------------------------------------
    def update_count(self) -> None:
        """Count who the filter matches now (one count query), or say what is wrong with it."""
        self._timer.stop()
        try:
            flt = self.form.filter()
            count = self._counter(flt)
        except (ValueError, TalentDeskError) as exc:
            self._problem = exc.message if isinstance(exc, TalentDeskError) else str(exc)
            self.count_label.setText(self._problem)
            self.count_label.setStyleSheet("color: #b91c1c;")
        else:
            self._problem = None
            self.count_label.setText(matches_text(count))
            self.count_label.setStyleSheet("" if count else "color: #92400e;")
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        ok.setEnabled(bool(self.name.text().strip()) and self._problem is None and not self.saving)
        ok.setToolTip(
            "Give the list a name" if not self.name.text().strip() else self._problem or ""
        )

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        self.update_count()  # what was typed in the last moment counts too
        name = self.name.text().strip()
        if self._problem is not None or not name or self.saving:
            return
        flt, saver = self.form.filter(), self._saver
        self.saving = True
        self._update_ok()
        self._events.ops.run(
            f"Saving the list “{name}”",
            lambda: saver(name, flt),
            success=self._saved,
            failure=self._refused,
        )

    def _saved(self, list_id: int) -> None:
        self.saving = False
        self.saved.emit(list_id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.saving = False
        self._update_ok()
        if isinstance(exc, TalentDeskError) and not exc.hint:  # a name in use, a bad range
            QMessageBox.warning(self, "List not saved", exc.message)
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            show_error(self, exc, "List not saved")
