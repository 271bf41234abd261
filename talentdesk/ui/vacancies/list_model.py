"""The vacancies list as a table model: title, client, status and how many are in the pipeline
(the opened date and the whole counts in tooltips: the pane is narrow)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.core.vacancies.records import VacancySummary

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Title", "Client", "Status", "Active")
STATUS_COLUMN = 2
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The status chip's colours: background, text.
STATUS_COLOURS = {
    VacancyStatus.OPEN: ("#dcfce7", "#166534"),
    VacancyStatus.ON_HOLD: ("#fef3c7", "#92400e"),
    VacancyStatus.FILLED: ("#dbeafe", "#1e40af"),
    VacancyStatus.CLOSED: ("#f3f4f6", "#4b5563"),
}


class VacancyListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[VacancySummary] = []

    def set_rows(self, rows: list[VacancySummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, vacancy_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == vacancy_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.title,
                row.company or "",
                row.status.label,
                f"{row.in_pipeline:,}",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            opened = row.opened_at.astimezone().strftime("%d %b %Y")
            return (
                f"{row.title}\nOpened {opened}\n{row.in_pipeline:,} in the pipeline, "
                f"{row.total:,} in all, {row.hired:,} hired"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor("#4b5563")
        return None
