"""Which record of a CSV file holds the column names, and how sure that guess is.

Files often start with something else: LinkedIn's "Notes:" block, an export's title and date,
a blank line. What comes before the header is skipped, so a wrong guess could lose rows
silently; the guess therefore says when it may be wrong (the wizard then asks, the CLI warns),
and the skipped lines are kept so they can be shown.

The rule: the header is the first record with two or more filled cells that names two known
columns ("First Name", "E-mail") or does not sit above a wider table (most of the records after
it have content beyond its last cell: a title line before the real header). A later candidate
with more known column names wins over one with fewer than two, within the first few records. A
data row with an unquoted comma (so one cell more than the header) does not move the header.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from talentdesk.core.csvio.mapping import recognised_columns

SAMPLE_RECORDS = 50  # records after a candidate header that judge it
LOOKAHEAD = 10  # non-blank records after the first candidate where a better header may sit
MAX_RECORDS = 200  # records of the sample looked at
SHOWN_CELLS = 60  # characters of a cell quoted in a reason
# A cell that is a value, not a column name: an e-mail, a URL, a number, date or phone number.
_VALUE = re.compile(r"[\d\s.,:;/+\-()'%]*\d[\d\s.,:;/+\-()'%]*|.*@.*|.*://.*|www\..*", re.I)


@dataclass(frozen=True)
class Record:
    line: int  # the line of the file the record starts on (a quoted value can span lines)
    cells: list[str]


@dataclass(frozen=True)
class HeaderGuess:
    index: int  # of the header in the records
    uncertain: str  # why the guess may be wrong, or ""


def parse_records(text: str, delimiter: str) -> list[Record]:
    """The first MAX_RECORDS records of `text`, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[Record] = []
    start = 1
    try:
        for cells in reader:
            records.append(Record(start, cells))
            start = reader.line_num + 1
            if len(records) == MAX_RECORDS:
                break
    except csv.Error:
        return []
    return records


def filled(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def guess_header(records: list[Record]) -> HeaderGuess | None:
    """The header among `records`, or None when no record has anything in it."""
    rows = [i for i, record in enumerate(records) if filled(record.cells)]
    if not rows:
        return None
    wide = [k for k, i in enumerate(rows) if filled(records[i].cells) >= 2]
    if not wide:  # a single column: its first line names it
        return HeaderGuess(rows[0], "")
    first = next(
        (
            k
            for k in wide
            if recognised_columns(records[rows[k]].cells) >= 2
            or not _above_wider_table(records, rows, k)
        ),
        wide[0],  # every candidate sits above wider rows: the first, and the rows say why
    )
    best, known = first, recognised_columns(records[rows[first]].cells)
    if known < 2:
        for k in wide:
            if (
                first < k <= first + LOOKAHEAD
                and recognised_columns(records[rows[k]].cells) >= max(2, known + 1)
                and not _above_wider_table(records, rows, k)
            ):
                best = k
                break
    return HeaderGuess(rows[best], _doubt(records, rows, best))


def chosen_header(records: list[Record], line: int) -> int:
    """The index of the record that starts on `line` (the user's choice of header line).

    Raises ValueError with a reason the user understands.
    """
    if not records or not 1 <= line <= records[-1].line:
        last = records[-1].line if records else 1
        raise ValueError(f"the header must be on one of the lines 1 to {last}")
    for index, record in enumerate(records):
        if record.line == line:
            if not filled(record.cells):
                raise ValueError(f"line {line} is blank")
            return index
        if record.line > line:  # line is inside the record before, which spans lines
            start = records[index - 1].line
            raise ValueError(f"line {line} is inside a quoted value that starts on line {start}")
    raise AssertionError("unreachable: line is within the records")


def _above_wider_table(records: list[Record], rows: list[int], k: int) -> bool:
    """Most of the records after candidate k (two at least) have content past its last cell."""
    width = len(records[rows[k]].cells)
    following = [records[i].cells for i in rows[k + 1 : k + 1 + SAMPLE_RECORDS]]
    wider = sum(1 for cells in following if any(cell.strip() for cell in cells[width:]))
    return wider >= 2 and wider * 2 > len(following)


def _doubt(records: list[Record], rows: list[int], k: int) -> str:
    """Why the header at rows[k] may be the wrong record, or ""."""
    header = records[rows[k]]
    width = (len(header.cells), _trimmed(header.cells))
    for i in rows[:k]:
        record = records[i]
        if filled(record.cells) >= 2 and (
            len(record.cells) == width[0] or _trimmed(record.cells) == width[1]
        ):
            return (
                f"Line {record.line}, above the header, has as many cells as the header on "
                f"line {header.line}: it may be the header itself, or a row of data."
            )
    value = next((cell.strip() for cell in header.cells if _VALUE.fullmatch(cell.strip())), None)
    if value is not None:
        return (
            f"Line {header.line} looks like a row of data (it holds “{_cut(value)}”), "
            "not like column names."
        )
    if k + 1 < len(rows):
        after = records[rows[k + 1]]
        if any(cell.strip() for cell in after.cells[len(header.cells) :]):
            return (
                f"Line {after.line} has {len(after.cells)} cells but the header on line "
                f"{header.line} has {len(header.cells)} (a comma or semicolon inside a value "
                "that is not in quotes makes a row longer)."
            )
    return ""


def _trimmed(cells: list[str]) -> int:
    """The number of cells up to the last filled one."""
    for index in range(len(cells), 0, -1):
        if cells[index - 1].strip():
            return index
    return 0


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CELLS else text[: SHOWN_CELLS - 1] + "…"
