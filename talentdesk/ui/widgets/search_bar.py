"""The candidate list's search box with what it filters by as chips under it (each removable),
completion for `field:value` words, and "Save as list…" for the search as it stands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QToolButton, QVBoxLayout, QWidget

from talentdesk.ui.widgets.chip_row import ChipRow

if TYPE_CHECKING:
    from talentdesk.ui.widgets.word_completer import WordCompleter

SAVE_TIP = "Keep this search as a smart list in the pool pane"
PLACEHOLDER = "Search names, tags, notes… or tag:kotlin city:kraków since:12m  (Ctrl+F)"


class ChipLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def key(self) -> str: ...


class Terms(Protocol):
    """What the bar asks about the text (talentdesk.ui.lists.search_terms.SearchTerms)."""

    def chips(self, text: str) -> Sequence[ChipLike]: ...
    def without(self, text: str, key: str) -> str: ...
    def completions(self, word: str) -> list[str]: ...


class SearchBar(QWidget):
    replaced = Signal()  # a chip was removed: the text changed and wants searching now
    save_requested = Signal(str)  # "Save as list…" on this text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("searchBox")
        self.edit.setPlaceholderText(PLACEHOLDER)
        # The clear button and the completer come with `after_first_paint`: the box is empty
        # until then, and they cost the start ~5 ms (an icon, QCompleter and its model).
        self.edit.setAccessibleName("Search candidates")
        self.edit.setToolTip(
            "Words match the beginning of a name, e-mail, title, company, city, tag or note.\n"
            "Filters: tag: skill: city: country: stage: ever: never: since: status: "
            "seniority: pool: source: consent: contact: quiet: has:email due remote near-fit"
        )
        self.chips = ChipRow()
        self.chips.setObjectName("searchChips")
        self.save_button = QToolButton()
        self.save_button.setObjectName("saveAsListButton")
        self.save_button.setText("Save as list…")
        self.save_button.setToolTip(SAVE_TIP)
        self.save_button.setAutoRaise(True)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.edit.text()))
        self.chips.add_trailing(self.save_button)
        self.chips.removed.connect(self._remove)
        self.chips.hide()
        self._terms: Terms | None = None
        self.completer: WordCompleter | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.edit)
        layout.addWidget(self.chips)

    def after_first_paint(self) -> None:
        self.edit.setClearButtonEnabled(True)
        if self._terms is not None and self.completer is None:
            from talentdesk.ui.widgets.word_completer import WordCompleter

            self.completer = WordCompleter(self.edit, self._terms.completions)

    def set_terms(self, terms: Terms) -> None:
        """What chips and completions come from (the completer once the window has painted)."""
        self._terms = terms

    def show_chips(self, text: str, cannot_save: str = "") -> None:
        """The chips of the search that ran (none, and the row hidden, for no search);
        `cannot_save`: why "Save as list…" is off ("": it is on)."""
        shown = [] if self._terms is None else self._terms.chips(text)
        self.chips.set_chips([(chip.label, chip.key) for chip in shown])
        self.save_button.setEnabled(not cannot_save)
        self.save_button.setToolTip(cannot_save or SAVE_TIP)
        self.chips.setVisible(bool(text.strip()))

    def _remove(self, key: object) -> None:
        if self._terms is None or not isinstance(key, str):
            return
        self.edit.blockSignals(True)
        self.edit.setText(self._terms.without(self.edit.text(), key))
        self.edit.blockSignals(False)
        self.replaced.emit()
