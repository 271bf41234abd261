"""The small dialogs of the bulk actions: which tags, which pool (and stage), which status.
Touchpoints and reminders reuse the single-person dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from talentdesk.core.db.enums import CandidateStatus
from talentdesk.core.records import TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.ui.widgets.tag_editor import TagEditor


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class TagsDialog(QDialog):
    """Tags to give everyone (new ones are made), or to take off."""

    def __init__(self, ws: Workspace, who: str, remove: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        verb = "Remove tags from" if remove else "Tag"
        self.setWindowTitle(f"{verb} {who}")
        self.editor = TagEditor()
        self.editor.set_known(ws.candidates.tag_names())
        buttons, self.ok = _buttons(self, "Remove" if remove else "Tag")
        self.editor.changed.connect(self._update)
        self.editor.input.textChanged.connect(self._update)
        form = QFormLayout(self)
        form.addRow(QLabel(f"{verb} {who}:"))
        form.addRow(self.editor)
        form.addRow(buttons)
        self.resize(460, 220)
        self._update()

    def accept(self) -> None:
        # A name typed but not added with Enter is meant too.
        self.editor.input.returnPressed.emit()
        if self.tags():
            super().accept()

    def tags(self) -> list[TagRef]:
        return self.editor.tags()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.tags() or self.editor.input.text().strip()))


class PoolChoiceDialog(QDialog):
    """A pool (the list's, to begin with) and, when asked for, one of its stages."""

    def __init__(
        self,
        ws: Workspace,
        title: str,
        text: str,
        preselect: int | None,
        with_stage: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.setWindowTitle(title)
        self.pool = QComboBox()
        self.pool.setObjectName("poolChoice")
        for pool in ws.reads.pool_summaries():
            self.pool.addItem(f"{pool.name} ({pool.members:,})", pool.id)
        if preselect is not None and self.pool.findData(preselect) >= 0:
            self.pool.setCurrentIndex(self.pool.findData(preselect))
        self.stage = QComboBox()
        self.stage.setObjectName("stageChoice")
        buttons, ok = _buttons(self, title.split(" ")[0])
        ok.setEnabled(self.pool.count() > 0)
        form = QFormLayout(self)
        form.addRow(QLabel(text))
        form.addRow("Pool", self.pool)
        if with_stage:
            form.addRow("Stage", self.stage)
            self.pool.currentIndexChanged.connect(self._load_stages)
            self._load_stages()
        form.addRow(buttons)

    def _load_stages(self) -> None:
        self.stage.clear()
        pool_id = self.pool.currentData()
        if pool_id is not None:
            for stage in self._ws.pools.stages(pool_id):
                self.stage.addItem(stage.name, stage.id)

    def pool_id(self) -> int:
        return int(self.pool.currentData())

    def pool_name(self) -> str:
        return self.pool.currentText().rsplit(" (", 1)[0]

    def stage_id(self) -> int | None:
        data = self.stage.currentData()
        return None if data is None else int(data)


class StatusDialog(QDialog):
    def __init__(self, who: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Set the status of {who}")
        self.status = QComboBox()
        self.status.setObjectName("statusChoice")
        for status in CandidateStatus:
            self.status.addItem(status.label, status)
        buttons, _ok = _buttons(self, "Set")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Set the status of {who} to:"))
        form.addRow("Status", self.status)
        note = QLabel(
            "Do not contact also drops the reminders TalentDesk keeps for them (check-ins, "
            "birthdays, feedback) and leaves them out of e-mails."
        )
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(buttons)

    def choice(self) -> CandidateStatus:
        return CandidateStatus(self.status.currentData())  # Qt hands StrEnum data back as str
