"""Above the candidate table, as in Gmail: "12 selected — Select all 2,314 in this list", and
once everyone is selected, "All 2,314 in this list are selected — Clear selection". Bulk
actions apply to what is selected; everyone selected means every id of the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from talentdesk.ui.models.candidate_table import CandidateTableModel


def selected_rows(table: QTableView) -> int:
    """How many rows are selected, from the selection's ranges (never one index per row)."""
    selection = table.selectionModel().selection()
    return sum(selection.at(i).height() for i in range(selection.count()))


def everyone_selected(table: QTableView, model: CandidateTableModel) -> bool:
    count = model.rowCount()
    return count > 1 and selected_rows(table) >= count


class SelectAllBanner(QLabel):
    def __init__(self, table: QTableView, model: CandidateTableModel) -> None:
        super().__init__()
        self.setObjectName("selectAllBanner")
        self._table = table
        self._model = model
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet("background: #eff6ff; color: #1e3a8a; padding: 4px 8px;")
        self.linkActivated.connect(self._link)
        table.selectionModel().selectionChanged.connect(self.update_text)
        model.modelReset.connect(self.update_text)
        model.counts_changed.connect(self.update_text)
        self.hide()

    def update_text(self) -> None:
        count = self._model.rowCount()
        chosen = selected_rows(self._table)
        if count < 2 or chosen < 2:
            self.hide()
            return
        if chosen >= count:
            self.setText(
                f"All <b>{count:,}</b> in this list are selected. "
                '<a href="clear">Clear selection</a>'
            )
        else:
            self.setText(
                f'<b>{chosen:,}</b> selected. <a href="all">Select all {count:,} in this list</a>'
            )
        self.show()

    def _link(self, which: str) -> None:
        if which == "all":
            self._table.selectAll()
        else:
            self._table.clearSelection()
