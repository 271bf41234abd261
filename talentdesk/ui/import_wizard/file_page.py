"""Step 1: the file, as the program reads it — encoding, delimiter, header and a preview."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from talentdesk.core.csvio.reader import (
    CsvLayout,
    CsvReadError,
    estimate_rows,
    iter_rows,
    sniff,
)

if TYPE_CHECKING:
    from talentdesk.ui.import_wizard.state import WizardHost

PREVIEW_ROWS = 50
SHOWN_CHARS = 120  # a 1 MiB note would make the preview unusable
SHOWN_SKIPPED = 200  # lines above the header listed (the header is among the first 200)
ENCODINGS = (
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 with BOM"),
    ("utf-16", "UTF-16 (Excel “Unicode text”)"),
    ("cp1250", "Windows-1250 (Central European)"),
    ("cp1252", "Windows-1252 (Western)"),
    ("iso-8859-2", "ISO-8859-2 (Latin-2)"),
    ("iso-8859-1", "ISO-8859-1 (Latin-1)"),
    ("mac-roman", "Mac Roman"),
)
DELIMITERS = ((",", "comma"), (";", "semicolon"), ("\t", "tab"), ("|", "vertical bar"))


def encoding_name(codec: str) -> str:
    return dict(ENCODINGS).get(codec, codec)


def delimiter_name(delimiter: str) -> str:
    return dict(DELIMITERS).get(delimiter, repr(delimiter))


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Choose a file")
        self.setSubTitle(
            "A CSV file from LinkedIn, Google Contacts, Outlook, Excel or TalentDesk. "
            "Check that the preview shows the columns and letters as they should be."
        )
        path_row = self._path_row()
        self._choices()
        self._messages_and_preview()
        self._lay_out(path_row)

        # Typing a path re-reads the file once the user pauses.
        self._reread = QTimer(self, singleShot=True, interval=300)
        self._reread.timeout.connect(self.reload)
        self.path_edit.textChanged.connect(lambda _text: self._path_typed())
        self.encoding.currentIndexChanged.connect(self.reload)
        self.delimiter.currentIndexChanged.connect(self.reload)

    # -- building ----------------------------------------------------------------------------
    def _path_row(self) -> QHBoxLayout:
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText("Path of a .csv file")
        self.path_edit.setClearButtonEnabled(True)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        return path_row

    def _choices(self) -> None:
        """The encoding and delimiter: automatic unless the user picks one."""
        self.encoding = QComboBox()
        self.encoding.setObjectName("encodingChoice")
        self.encoding.addItem("Automatic", None)
        for codec, name in ENCODINGS:
            self.encoding.addItem(name, codec)
        self.delimiter = QComboBox()
        self.delimiter.setObjectName("delimiterChoice")
        self.delimiter.addItem("Automatic", None)
        for mark, name in DELIMITERS:
            self.delimiter.addItem(name.capitalize() + ("" if mark == "\t" else f"  {mark}"), mark)

    def _messages_and_preview(self) -> None:
        """What was found in the file, what is wrong with it, and its first rows."""
        self.info = QLabel()
        self.info.setObjectName("fileInfo")
        self.info.setWordWrap(True)
        self._build_header_choice()
        self.error = QLabel()
        self.error.setObjectName("fileError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.hide()
        self.preview = QTableWidget()
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.verticalHeader().setDefaultSectionSize(22)

    def _lay_out(self, path_row: QHBoxLayout) -> None:
        form = QFormLayout()
        form.addRow(_buddy("&File", self.path_edit), path_row)
        choices = QHBoxLayout()
        choices.addWidget(self.encoding, 1)
        choices.addWidget(_buddy("&Delimiter", self.delimiter))
        choices.addWidget(self.delimiter)
        form.addRow(_buddy("&Encoding", self.encoding), choices)
        form.addRow(self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.header_warning)
        layout.addWidget(self.confirm_header)
        layout.addWidget(self.skipped_lines)
        layout.addWidget(self.error)
        layout.addWidget(self.preview, 1)

    def _build_header_choice(self) -> None:
        """The "Header is on line N" choice: the guess, which the user can change; a warning
        and a box to tick when the guess is uncertain; the lines above the header (skipped)."""
        self.header_line = QSpinBox()
        self.header_line.setObjectName("headerLine")
        self.header_line.setRange(1, 99_999)
        self.header_line.setToolTip("The line of the file that holds the column names")
        self.header_line.valueChanged.connect(self._header_line_chosen)
        self.header_row = QWidget()
        row = QHBoxLayout(self.header_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(_buddy("&Header is on line", self.header_line))
        row.addWidget(self.header_line)
        row.addStretch(1)
        self.header_row.hide()
        self.header_warning = QLabel()
        self.header_warning.setObjectName("headerWarning")
        self.header_warning.setWordWrap(True)
        self.header_warning.setStyleSheet("color: #92400e;")
        self.header_warning.hide()
        self.confirm_header = QCheckBox()
        self.confirm_header.setObjectName("confirmHeader")
        self.confirm_header.toggled.connect(lambda _on: self.completeChanged.emit())
        self.confirm_header.hide()
        self.skipped_lines = QPlainTextEdit()
        self.skipped_lines.setObjectName("skippedLines")
        self.skipped_lines.setReadOnly(True)
        self.skipped_lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.skipped_lines.hide()
        self._chosen_line: int | None = None  # the user's choice of header line, if any

    def _header_line_chosen(self, line: int) -> None:
        self._chosen_line = line
        self.reload()

    def _wizard(self) -> WizardHost:
        return self.wizard()  # type: ignore[return-value]

    def browse(self) -> None:
        settings = self._wizard().settings
        start = str(settings.value("import/folder", str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(
            self, "Import CSV", start, "CSV files (*.csv *.tsv *.txt);;All files (*)"
        )
        if name:
            settings.setValue("import/folder", str(Path(name).parent))
            self.set_path(Path(name))

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self._reread.stop()
        self.reload()

    def _path_typed(self) -> None:
        self._chosen_line = None  # another file: guess its header afresh
        self._reread.start()

    def reload(self) -> None:
        """Read the file again with the chosen encoding and delimiter."""
        state = self._wizard().state
        state.layout = None
        state.preview = []
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self._show_header(None)
        text = self.path_edit.text().strip()
        if not text:
            self._show("", "")
            return
        path = Path(text).expanduser()
        if not path.exists():
            self._show("", f"{path.name or text} is not a file that exists.")
            return
        try:
            layout = sniff(
                path, self.encoding.currentData(), self.delimiter.currentData(), self._chosen_line
            )
            rows = [cells for _, cells in islice(iter_rows(path, layout), PREVIEW_ROWS)]
        except CsvReadError as exc:
            self.header_row.setVisible(self._chosen_line is not None)  # to choose again
            self._show("", f"{exc.message} {exc.hint}")
            return
        self._show_header(layout)
        if not rows:
            self._show("", "The file has a header but no rows to import.")
            return
        state.path = path
        state.layout = layout
        state.preview = rows
        state.estimated_rows = max(estimate_rows(path) - layout.header_line + 1, len(rows))
        self._fill_preview(layout.header, rows)
        detected = encoding_name(layout.detected_encoding)
        used = encoding_name(layout.encoding)
        parts = [
            f"Encoding: {used}"
            + (f" (detected: {detected})" if layout.encoding != layout.detected_encoding else ""),
            f"delimiter: {delimiter_name(layout.delimiter)}",
            f"{len(layout.header)} column" + ("" if len(layout.header) == 1 else "s"),
        ]
        more = "" if len(rows) < PREVIEW_ROWS else f", about {state.estimated_rows:,} rows"
        info = ", ".join(parts) + more + "."
        if layout.skipped:  # e.g. LinkedIn's "Notes:" block
            count = len(layout.skipped)
            info += (
                f" {count} line{'s' if count != 1 else ''} above the header (line "
                f"{layout.shown_header_line}) {'are' if count != 1 else 'is'} skipped, "
                "shown below."
            )
        self._show(info, "")

    def _show_header(self, layout: CsvLayout | None) -> None:
        """The header line, the doubt about it, and the skipped lines of `layout` (or none)."""
        self.confirm_header.blockSignals(True)
        self.confirm_header.setChecked(False)  # a new guess is confirmed anew
        self.confirm_header.blockSignals(False)
        doubt = layout.uncertain if layout is not None else ""
        self.header_warning.setText(
            f"TalentDesk is not sure which line holds the column names. {doubt} "
            "Check the preview, and choose another line above if it is wrong."
        )
        for widget in (self.header_warning, self.confirm_header):
            widget.setVisible(bool(doubt))
        self.header_row.setVisible(layout is not None)
        self.skipped_lines.setVisible(bool(layout and layout.skipped))
        if layout is None:
            self.skipped_lines.clear()
            return
        self.skipped_lines.setPlainText(
            "\n".join(
                f"line {r.line}:  {_one_line(layout.delimiter.join(r.cells))}"
                for r in layout.skipped[:SHOWN_SKIPPED]
            )
        )
        shown = min(len(layout.skipped), 5)  # as tall as the lines, up to five, then scrolls
        margins = 2 * (self.skipped_lines.frameWidth() + 6)
        self.skipped_lines.setFixedHeight(shown * self.fontMetrics().lineSpacing() + margins)
        line = layout.shown_header_line
        self.confirm_header.setText(f"&Line {line} holds the column names")
        self.header_line.blockSignals(True)
        self.header_line.setValue(line)
        self.header_line.blockSignals(False)

    def _fill_preview(self, header: list[str], rows: list[list[str]]) -> None:
        width = max(len(header), *(len(r) for r in rows))
        self.preview.setColumnCount(width)
        self.preview.setHorizontalHeaderLabels(header + [""] * (width - len(header)))
        self.preview.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                shown = value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"
                item = QTableWidgetItem(shown.replace("\r\n", " ⏎ ").replace("\n", " ⏎ "))
                item.setToolTip(value[:2000])
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(width):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 260))

    def _show(self, info: str, error: str) -> None:
        self.info.setText(info)
        self.info.setVisible(bool(info))
        self.error.setText(error)
        self.error.setVisible(bool(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        layout = self._wizard().state.layout
        if layout is None:
            return False
        return not layout.uncertain or self.confirm_header.isChecked()

    def validatePage(self) -> bool:
        if self._reread.isActive():  # the path was typed a moment ago
            self._reread.stop()
            self.reload()
        return self.isComplete()


def _one_line(text: str) -> str:
    text = text.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ").replace("\r", " ⏎ ")
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
