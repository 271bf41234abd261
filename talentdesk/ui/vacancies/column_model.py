"""One board column's cards as a list model, and the drag data that carries a card."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from talentdesk.core.vacancies.records import Card

MIME_TYPE = "application/x-talentdesk-application"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def card_mime(card: Card) -> QMimeData:
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(str(card.application_id).encode()))
    data.setText(card.name)
    return data


def application_of(data: QMimeData) -> int | None:
    """The application a drag carries, None when it carries something else."""
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        return int(bytes(data.data(MIME_TYPE).data()).decode())
    except ValueError:
        return None


def days_in_stage(card: Card, today: date) -> int:
    return max(0, (today - card.moved_at.date()).days)


class ColumnModel(QAbstractListModel):
    """The cards of one stage, in their board order."""

    def __init__(self, stage_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self.cards: list[Card] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        card = self.cards[index.row()]
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (card.name, card.headline, card.city) if p)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # a drop lands between cards, not on one
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    # -- changes -------------------------------------------------------------------------
    def set_cards(self, cards: list[Card]) -> None:
        self.beginResetModel()
        self.cards = cards
        self.endResetModel()

    def update_cards(self, cards: list[Card]) -> None:
        """Same cards in the same order, some details changed: repaint, keep the selection."""
        self.cards = cards
        if cards:
            self.dataChanged.emit(self.index(0), self.index(len(cards) - 1))

    def row_of(self, application_id: int) -> int | None:
        for row, card in enumerate(self.cards):
            if card.application_id == application_id:
                return row
        return None

    def take(self, row: int) -> Card:
        self.beginRemoveRows(QModelIndex(), row, row)
        card = self.cards.pop(row)
        self.endRemoveRows()
        return card

    def put(self, row: int, card: Card) -> None:
        row = max(0, min(row, len(self.cards)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.cards.insert(row, card)
        self.endInsertRows()

    def replace(self, row: int, card: Card) -> None:
        self.cards[row] = card
        self.dataChanged.emit(self.index(row), self.index(row))
