"""The search box's helpers: the chip row (each chip removable) and completion of the word
being typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from talentdesk.ui.widgets.chip_row import ChipRow
from talentdesk.ui.widgets.word_completer import WordCompleter, word_at_end


def test_the_word_at_the_end_keeps_a_quoted_value_whole() -> None:
    assert word_at_end("tag:kotlin city:kra") == ("tag:kotlin ", "city:kra")
    assert word_at_end('java tag:"machine le') == ("java ", 'tag:"machine le')
    assert word_at_end("near") == ("", "near")
    assert word_at_end("java ") == ("java ", "")


def test_a_chip_s_cross_says_which_chip(qtbot) -> None:
    row = ChipRow()
    qtbot.addWidget(row)
    row.set_chips([("Tag: Kotlin", "tag:0:0"), ("Last contact · last 12 months", "contact")])
    row.show()
    qtbot.waitExposed(row)

    assert row.labels() == ["Tag: Kotlin", "Last contact · last 12 months"]
    with qtbot.waitSignal(row.removed) as removed:
        qtbot.mouseClick(row.chips[1].remove_button, Qt.MouseButton.LeftButton)
    assert removed.args == ["contact"]

    row.set_chips([("City: Kraków", "city:0")])
    assert row.labels() == ["City: Kraków"]


def test_completion_replaces_only_the_word_being_typed(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    asked: list[str] = []

    def source(word: str) -> list[str]:
        asked.append(word)
        return [w for w in ("tag:kotlin", "tag:kubernetes", "city:") if w.startswith(word)]

    completer = WordCompleter(edit, source)
    edit.show()
    qtbot.waitExposed(edit)
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)  # the line edit takes a choice only while it has focus
    qtbot.keyClicks(edit, "java tag:k")

    assert asked[-1] == "tag:k"
    assert completer.words() == ["tag:kotlin", "tag:kubernetes"]
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert edit.text() == "java tag:kotlin "
