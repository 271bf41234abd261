"""Reading a CSV file as it is: its encoding, its delimiter, a preamble before the header
(LinkedIn's "Notes:" block), any line ending, quoted fields with newlines, big fields."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from talentdesk.core.errors import TalentDeskError

MAX_FIELD = 1024 * 1024  # 1 MiB: far beyond any real note, far below "read the disk"
csv.field_size_limit(MAX_FIELD)
SAMPLE_BYTES = 256 * 1024
DELIMITERS = ("\t", ";", ",", "|")  # preference order on a tie
_UNDECODABLE = re.compile("[\udc80-\udcff]")


class CsvReadError(TalentDeskError):
    """The file cannot be read as CSV; the message names the reason or the row."""


@dataclass(frozen=True)
class CsvLayout:
    encoding: str  # the codec used
    delimiter: str
    header_line: int  # 1-based record number of the header, after any preamble
    header: list[str]
    detected_encoding: str  # what detection found (differs when the user overrode it)


def sniff(path: Path, encoding: str | None = None, delimiter: str | None = None) -> CsvLayout:
    sample = _read_sample(path)
    if not sample.strip(b"\r\n\t \xef\xbb\xbf"):
        raise CsvReadError("The file is empty.", "Choose a CSV file that has a header and rows.")
    detected = detect_encoding(sample)
    used = encoding or detected
    try:
        codecs.lookup(used)
    except LookupError as exc:
        hint = "Try utf-8, utf-16, cp1250 or cp1252."
        raise CsvReadError(f"“{used}” is not an encoding Python knows.", hint) from exc
    text = sample.decode(used, errors="replace")
    if len(sample) == SAMPLE_BYTES:  # drop a record the sample may have cut in half
        text = text[: max(text.rfind("\n"), text.rfind("\r"), 1)]
    chosen = delimiter or _choose_delimiter(text)
    records = _records(text, chosen)
    start = _header_index(records)
    if start is None:
        raise CsvReadError(
            "No header row was found.",
            "The file needs a first row naming its columns (e.g. First Name, Last Name, Email).",
        )
    header = [cell.strip().lstrip("\ufeff") for cell in records[start]]
    return CsvLayout(used, chosen, start + 1, header, detected)


def iter_rows(path: Path, layout: CsvLayout) -> Iterator[tuple[int, list[str]]]:
    """(data row number, fields) for every non-empty record after the header, streamed."""
    try:
        # Undecodable bytes become surrogates, so the row they are in can be named.
        handle = path.open(encoding=layout.encoding, errors="surrogateescape", newline="")
    except OSError as exc:
        raise _vanished(path, exc) from exc
    row = 0
    try:
        with handle:
            reader = csv.reader(handle, delimiter=layout.delimiter)
            for _ in range(layout.header_line):
                next(reader, None)
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    reason = (
                        "a field is larger than 1 MiB" if "field larger" in str(exc) else str(exc)
                    )
                    hint = "Fix that row in the file and try again."
                    raise CsvReadError(f"Row {row + 1} cannot be read: {reason}.", hint) from exc
                if not any(cell.strip() for cell in cells):
                    continue
                row += 1
                if any(_UNDECODABLE.search(cell) for cell in cells):
                    raise CsvReadError(
                        f"Row {row} cannot be read as {layout.encoding}.",
                        "Choose another encoding (Excel often writes cp1250 or cp1252).",
                    )
                yield row, cells
    except OSError as exc:
        raise _vanished(path, exc) from exc


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise CsvReadError(
            "This does not look like a CSV file (it contains binary data).",
            "Export the spreadsheet as CSV (or Unicode text) and import that file.",
        )
    cut = sample[: max(sample.rfind(b"\n"), 0)] if len(sample) == SAMPLE_BYTES else sample
    try:
        cut.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Excel's plain CSV is a Windows code page. Central European text read as cp1252 turns
    # ł ż Ł into ³ ¿ £ (not letters), so the page giving the most letters wins; cp1252 on a
    # tie (Western text reads the same in both).
    scores = {}
    for page in ("cp1252", "cp1250"):
        try:
            text = cut.decode(page)
        except UnicodeDecodeError:
            continue
        scores[page] = sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
    if scores:
        return max(scores, key=lambda page: scores[page])
    from charset_normalizer import from_bytes  # neither: let the detector judge

    best = from_bytes(cut).best()
    if best is None:
        raise CsvReadError(
            "The file's encoding could not be recognised.",
            "Choose the encoding by hand, or save the file from Excel as CSV UTF-8.",
        )
    return best.encoding


def _read_sample(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(SAMPLE_BYTES)
    except OSError as exc:
        raise _vanished(path, exc) from exc


def _vanished(path: Path, exc: OSError) -> CsvReadError:
    return CsvReadError(
        f"{path.name} cannot be read ({exc.strerror or type(exc).__name__}).",
        "Check that the file still exists and is not open exclusively in another program.",
    )


def _records(text: str, delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))[:200]
    except csv.Error:
        return []


def _header_index(records: list[list[str]]) -> int | None:
    """The first record with two or more filled cells whose width the next record shares
    (or that is the last record): what comes before it is a preamble."""
    for i, record in enumerate(records):
        if sum(1 for cell in record if cell.strip()) < 2:
            continue
        following = [r for r in records[i + 1 : i + 4] if any(c.strip() for c in r)]
        if not following or len(following[0]) == len(record):
            return i
    return None


def _choose_delimiter(text: str) -> str:
    best, best_score = ",", -1.0
    for candidate in DELIMITERS:
        records = [r for r in _records(text, candidate) if any(c.strip() for c in r)][:50]
        start = _header_index(records)
        if start is None:
            continue
        width = len(records[start])
        if width < 2:
            continue
        body = records[start:]
        consistent = sum(1 for r in body if len(r) == width) / len(body)
        score = consistent * 10 + min(width, 50) / 50
        if score > best_score:
            best, best_score = candidate, score
    return best
