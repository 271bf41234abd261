"""The first column of a table kept in view while the table is scrolled sideways.

A second view of the same model and selection, showing only column 0, laid over the table's
left edge (Qt's "frozen column" example). It is shown only while the table is scrolled
sideways, so at rest every click lands on the table itself. It never takes the keyboard focus:
clicking it selects the row in the table and gives the table the focus.

It watches the table's events through a separate object installed when it first shows: an
`eventFilter` of its own would be called by Qt's item view for every event of the table from
the start (and the first makes PySide create its ~50 event classes, before the first paint)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from talentdesk.ui.widgets.viewport import viewport_of


class FrozenColumn(QTableView):
    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.setObjectName("frozenColumn")
        self._table = table
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionBehavior(table.selectionBehavior())
        self.setSelectionMode(table.selectionMode())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.setWordWrap(False)
        self.setShowGrid(table.showGrid())
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(table.verticalScrollMode())
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._sort)
        # A line on the right edge marks where the scrolled columns pass under it.
        self.setStyleSheet(
            "QTableView#frozenColumn { border: none; border-right: 1px solid #d1d5db; }"
        )
        self._hide_other_columns()

        theirs = table.horizontalHeader()
        theirs.sectionResized.connect(self._column_resized)
        theirs.sortIndicatorChanged.connect(lambda c, o: header.setSortIndicator(c, o))
        header.setSortIndicator(theirs.sortIndicatorSection(), theirs.sortIndicatorOrder())
        table.model().modelReset.connect(self._hide_other_columns)
        table.model().columnsInserted.connect(self._hide_other_columns)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.horizontalScrollBar().valueChanged.connect(self.follow_scroll)
        table.horizontalScrollBar().rangeChanged.connect(lambda *_: self.follow_scroll())
        self._watch: _Watch | None = None  # made when first shown
        self.hide()

    def _hide_other_columns(self) -> None:
        for column in range(1, self.model().columnCount()):
            self.setColumnHidden(column, True)
        self.setColumnWidth(0, self._table.columnWidth(0))

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.setColumnWidth(0, new)
            self.place()

    def follow_scroll(self) -> None:
        """Shown over the table's left edge while it is scrolled sideways, else hidden."""
        scrolled = self._table.horizontalScrollBar().value() > 0
        if scrolled:
            if self._watch is None:
                self._watch = _Watch(self, self._table)
            self.place()
            self.verticalScrollBar().setValue(self._table.verticalScrollBar().value())
        self.setVisible(scrolled)

    def place(self) -> None:
        """Lie over the table's left edge, as tall as its rows and header."""
        table = self._table
        frame = table.frameWidth()
        self.setGeometry(
            frame,
            frame,
            table.columnWidth(0) + 1,  # the border line
            viewport_of(table).height() + table.horizontalHeader().height(),
        )

    def _sort(self, _column: int) -> None:
        """A click on the frozen header sorts the table by name, as its own header does."""
        theirs = self._table.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = ascending
        if theirs.sortIndicatorSection() == 0 and theirs.sortIndicatorOrder() == ascending:
            order = Qt.SortOrder.DescendingOrder
        self._table.sortByColumn(0, order)

    def give_focus(self) -> None:
        """A click on the column: the keyboard goes to the table."""
        self._table.setFocus(Qt.FocusReason.MouseFocusReason)


class _Watch(QObject):
    """The table's resizes and the clicks on the column, for the frozen column. The table's
    viewport is watched, not the table: it is resized after the table, by its layout, and the
    column is as tall as it (seen at the table's own resize, the old height)."""

    def __init__(self, column: FrozenColumn, table: QTableView) -> None:
        super().__init__(column)
        self._column = column
        self._rows = viewport_of(table)
        self._clicks = viewport_of(column)
        self._rows.installEventFilter(self)
        self._clicks.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._rows and event.type() == QEvent.Type.Resize:
            self._column.place()
        elif watched is self._clicks and event.type() == QEvent.Type.MouseButtonPress:
            self._column.give_focus()
        return False
