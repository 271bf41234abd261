"""A board column: the stage's header (name, count, kind) over its cards. Outcome stages
(hired, not a fit, …) end the pipeline: outlined, not filled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from talentdesk.core.db.enums import OUTCOME_KINDS
from talentdesk.core.vacancies.records import StageInfo
from talentdesk.ui.vacancies.card_delegate import CardDelegate
from talentdesk.ui.vacancies.column_model import ColumnModel
from talentdesk.ui.vacancies.column_view import ColumnView

COLUMN_WIDTH = 200


class StageColumn(QFrame):
    """A stage's header (name, count, kind) over its cards."""

    def __init__(self, stage: StageInfo, delegate: CardDelegate) -> None:
        super().__init__()
        self.stage = stage
        self.outcome = stage.kind in OUTCOME_KINDS
        self.setObjectName("boardColumn")
        self.setFixedWidth(COLUMN_WIDTH)
        # Outcome stages (hired, not a fit, …) end the pipeline: outlined, not filled.
        shade = "#fafafa" if self.outcome else "#f3f4f6"
        border = "1px dashed #c4c8cf" if self.outcome else "1px solid #e5e7eb"
        self.setStyleSheet(
            f"#boardColumn {{ background: {shade}; border: {border}; border-radius: 6px; }}"
            f" #boardColumnView {{ background: {shade}; border: none; }}"
        )
        self.header = QLabel()
        self.header.setObjectName("boardColumnHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.model = ColumnModel(stage.id, self)
        self.view = ColumnView(self.model)
        self.view.setItemDelegate(delegate)
        self.view.setAccessibleName(stage.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.model.rowsInserted.connect(self.update_header)
        self.model.rowsRemoved.connect(self.update_header)
        self.model.modelReset.connect(self.update_header)
        self.update_header()

    def set_stage(self, stage: StageInfo) -> None:
        """Show another role's stage of the same outcome-ness (columns are reused)."""
        self.stage = stage
        self.model.stage_id = stage.id
        self.view.setAccessibleName(stage.name)
        self.update_header()

    def update_header(self) -> None:
        kind = self.stage.kind.label.lower()
        kind_note = "" if kind == self.stage.name.lower() else f" · {kind}"
        self.header.setText(
            f"&nbsp;<b>{_escape(self.stage.name)}</b>"
            f"&nbsp;&nbsp;<span style='color:#4b5563'>{self.model.rowCount():,}</span>"
            f"<span style='color:#9ca3af; font-size:small'>{_escape(kind_note)}</span>"
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
