"""Reading a CSV file as it is: its encoding, its delimiter, a preamble before the header
(LinkedIn's "Notes:" block), any line ending, quoted fields with newlines, big fields."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from talentdesk.core.csvio.header import (
    SAMPLE_RECORDS,
    Record,
    chosen_header,
    filled,
    guess_header,
    parse_records,
)
from talentdesk.core.errors import TalentDeskError

MAX_FIELD = 1024 * 1024  # 1 MiB: far beyond any real note, far below "read the disk"
csv.field_size_limit(MAX_FIELD)
SAMPLE_BYTES = 256 * 1024
DELIMITERS = ("\t", ";", ",", "|")  # preference order on a tie
WINDOWS_PAGES = ("cp1252", "cp1250")  # cp1252 first: it wins a tie
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_ENCODING_HINT = "Choose another encoding (Excel often writes cp1250, cp1252 or utf-16)."


class CsvReadError(TalentDeskError):
    """The file cannot be read as CSV; the message names the reason or the row."""


@dataclass(frozen=True)
class CsvLayout:
    encoding: str  # the codec used
    delimiter: str
    header_line: int  # 1-based record number of the header, after any preamble
    header: list[str]
    detected_encoding: str  # what detection found (differs when the user overrode it)
    # The line of the file the header starts on, as an editor counts (a quoted value in the
    # preamble can span lines): what the user sees and chooses. 0: same as header_line.
    header_at_line: int = field(default=0, compare=False)
    # Non-blank records above the header, skipped: shown to the user, counted in the report.
    skipped: tuple[Record, ...] = field(default=(), compare=False)
    # Why the header may be on another line (the wizard asks, the CLI warns), or "".
    uncertain: str = field(default="", compare=False)

    @property
    def shown_header_line(self) -> int:
        return self.header_at_line or self.header_line


def sniff(
    path: Path,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_line: int | None = None,
) -> CsvLayout:
    """The layout of `path`, detected from its first SAMPLE_BYTES; `encoding`, `delimiter`
    and `header_line` (the line of the file the user says holds the column names) override
    detection (the detected encoding is still reported)."""
    if encoding is not None:
        _check_codec(encoding)
    sample = _read_sample(path)
    if not sample:
        raise _empty()
    if encoding is None:
        detected = detect_encoding(sample)
    else:
        try:
            detected = detect_encoding(sample)
        except CsvReadError:  # the user knows better (e.g. UTF-16 without a BOM)
            detected = "unknown"
    used = encoding or detected
    if delimiter is not None and delimiter not in DELIMITERS:
        raise CsvReadError(
            f"“{delimiter}” cannot be used as a delimiter.",
            "Choose comma, semicolon, tab or | (vertical bar).",
        )
    try:
        text = sample.decode(used, errors="replace")
    except (UnicodeError, LookupError) as exc:
        raise _unknown_codec(used) from exc
    if len(sample) == SAMPLE_BYTES:  # drop a record the sample may have cut in half
        text = text[: max(text.rfind("\n"), text.rfind("\r"), 1)]
    if not text.lstrip("\ufeff").strip():
        raise _empty()
    chosen = delimiter or _choose_delimiter(text)
    records = parse_records(text, chosen)
    if header_line is not None:
        try:
            start, uncertain = chosen_header(records, header_line), ""
        except ValueError as exc:
            raise CsvReadError(
                f"The header cannot be on line {header_line}: {exc}.",
                "Choose the line that holds the column names.",
            ) from exc
    else:
        guess = guess_header(records)
        if guess is None:
            raise CsvReadError(
                "No header row was found.",
                "The file needs a first row naming its columns "
                "(e.g. First Name, Last Name, Email).",
            )
        start, uncertain = guess.index, guess.uncertain
    header = [cell.strip().lstrip("\ufeff").strip() for cell in records[start].cells]
    skipped = tuple(r for r in records[:start] if filled(r.cells))
    return CsvLayout(
        used, chosen, start + 1, header, detected, records[start].line, skipped, uncertain
    )


def sample_rows(path: Path, layout: CsvLayout, limit: int = 50) -> list[list[str]]:
    """The first `limit` rows' fields: what the automatic mapping judges columns by."""
    return [cells for _, cells in itertools.islice(iter_rows(path, layout), limit)]


def iter_rows(path: Path, layout: CsvLayout) -> Iterator[tuple[int, list[str]]]:
    """(data row number, fields) for every non-empty record after the header, streamed.
    Row 1 is the first non-empty record after the header; fields are not stripped."""
    raw = open_input(path)
    try:
        # Undecodable bytes become surrogates, so the row they are in can be named.
        handle = io.TextIOWrapper(
            raw, encoding=layout.encoding, errors="surrogateescape", newline=""
        )
    except LookupError as exc:
        raw.close()
        raise _unknown_codec(layout.encoding) from exc
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
                joined = "".join(cells)  # one look per row, not one per cell
                if not joined.strip():
                    continue
                row += 1
                if not joined.isascii() and _UNDECODABLE.search(joined):
                    raise _undecodable(row, layout.encoding)
                yield row, cells
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise CsvReadError(
                f"Row {row + 1} cannot be read: a field is larger than 1 MiB.",
                "Shorten that field (or check that the file is really a CSV file) and try again.",
            ) from exc
        raise CsvReadError(
            f"Row {row + 1} cannot be read: {exc}.", "Fix that row in the file and try again."
        ) from exc
    except UnicodeError as exc:  # bytes surrogateescape cannot carry (e.g. UTF-16)
        raise _undecodable(row + 1, layout.encoding) from exc
    except OSError as exc:
        raise _vanished(path, exc) from exc


def detect_encoding(sample: bytes) -> str:
    """The codec for `sample`, the first bytes of a file: a BOM decides, then strict UTF-8,
    then a Windows code page (the one that reads more letters, cp1252 on a tie), then the
    charset detector, then latin-1."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        return _utf16_without_bom(sample)
    cut = _whole_lines(sample) if len(sample) == SAMPLE_BYTES else sample
    try:
        cut.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Excel's plain CSV is a Windows code page. Central European text read as cp1252 turns
    # ł ż ą Ł into ³ ¿ ¹ £ (not letters), so the page giving the most letters wins; cp1252
    # on a tie (Western text reads the same in both). The charset detector alone picks the
    # wrong page of these two on short Polish and French samples, so it only judges bytes
    # that neither page can read.
    scores: dict[str, int] = {}
    for page in WINDOWS_PAGES:
        try:
            text = cut.decode(page)
        except UnicodeDecodeError:
            continue
        scores[page] = sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
    if scores:
        return max(scores, key=lambda page: scores[page])  # first (cp1252) on a tie
    from charset_normalizer import from_bytes

    best = from_bytes(cut).best()
    return best.encoding if best is not None else "latin-1"


def _utf16_without_bom(sample: bytes) -> str:
    """UTF-16 without a BOM (ASCII-heavy text has a NUL in every other byte), else binary."""
    even, odd = sample[0::2], sample[1::2]
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls and nuls.count(0) > 0.7 * len(nuls) and other.count(0) < 0.05 * len(other):
            try:
                sample[: len(sample) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    raise CsvReadError(
        "This does not look like a CSV file (it contains binary data).",
        "Export the spreadsheet as CSV (or Unicode text) and import that file.",
    )


def _whole_lines(sample: bytes) -> bytes:
    """`sample` up to its last line break, or without a multibyte character cut at its end."""
    end = max(sample.rfind(b"\n"), sample.rfind(b"\r"))
    if end > 0:
        return sample[:end]
    tail = 0
    while tail < 3 and tail < len(sample) and sample[-1 - tail] & 0xC0 == 0x80:
        tail += 1
    if tail < len(sample) and sample[-1 - tail] >= 0xC0:
        return sample[: -1 - tail]
    return sample


def open_input(path: Path) -> BinaryIO:
    """`path` opened for reading, if it is a regular file (a symlink to one is followed).

    A FIFO, a folder, a device or a socket is refused with a CsvReadError saying which: a FIFO
    is opened without blocking (reading it would wait for a writer that may never come),
    /dev/zero would never end. The check is made on the opened file, so a file swapped
    between a check and the open cannot slip through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        kind = _kind(path.stat().st_mode)  # a folder cannot be opened on every system
        if kind:
            raise _not_a_file(path, kind)
        fd = os.open(path, flags)
    except OSError as exc:
        raise _vanished(path, exc) from exc
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind:
            raise _not_a_file(path, kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, or "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_a_file(path: Path, kind: str) -> CsvReadError:
    return CsvReadError(
        f"{path.name or path} cannot be read: it is {kind}, not a file.",
        "Choose a CSV file (save the data to a file first if it comes from another program).",
    )


def _read_sample(path: Path) -> bytes:
    with open_input(path) as handle:
        try:
            return handle.read(SAMPLE_BYTES)
        except OSError as exc:
            raise _vanished(path, exc) from exc


def _check_codec(encoding: str) -> None:
    """Refuse a name Python does not know, and codecs that are not text encodings (hex,
    base64, rot13) or that cannot read a file leniently (idna)."""
    try:
        codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError) as exc:  # ValueError: a NUL in the name
        raise _unknown_codec(encoding) from exc
    try:
        for handler in ("replace", "surrogateescape"):
            b"name,email\r\n".decode(encoding, handler)
    except (LookupError, UnicodeError, ValueError, TypeError) as exc:
        raise CsvReadError(
            f"“{encoding}” is not a text encoding that can read a CSV file.",
            "Try utf-8, utf-16, cp1250 or cp1252.",
        ) from exc


def _empty() -> CsvReadError:
    return CsvReadError("The file is empty.", "Choose a CSV file that has a header and rows.")


def _unknown_codec(encoding: str) -> CsvReadError:
    return CsvReadError(
        f"“{encoding}” is not an encoding Python knows.", "Try utf-8, utf-16, cp1250 or cp1252."
    )


def _undecodable(row: int, encoding: str) -> CsvReadError:
    return CsvReadError(f"Row {row} cannot be read as {encoding}.", _ENCODING_HINT)


def _vanished(path: Path, exc: OSError) -> CsvReadError:
    return CsvReadError(
        f"{path.name} cannot be read ({exc.strerror or type(exc).__name__}).",
        "Check that the file still exists and is not open exclusively in another program.",
    )


def _choose_delimiter(text: str) -> str:
    """The delimiter whose records after the header (up to SAMPLE_RECORDS) most often have
    the header's width; then the one with the shortest preamble; then DELIMITERS' order."""
    best, best_key = ",", (-1.0, 0, 0)
    for rank, candidate in enumerate(DELIMITERS):
        records = [r.cells for r in parse_records(text, candidate) if filled(r.cells)]
        guess = guess_header([Record(0, cells) for cells in records])
        if guess is None or len(records[guess.index]) < 2:
            continue
        start = guess.index
        width = len(records[start])
        body = records[start + 1 : start + 1 + SAMPLE_RECORDS] or [records[start]]
        consistent = round(sum(1 for r in body if len(r) == width) / len(body), 3)
        key = (consistent, -start, -rank)
        if key > best_key:
            best, best_key = candidate, key
    return best


def estimate_rows(path: Path) -> int:
    """About how many records `path` holds, from the line length of its first bytes (for a
    progress bar; quoted newlines make it an over-estimate, never a reason to stop)."""
    try:
        with open_input(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(64 * 1024)
    except (OSError, CsvReadError):
        return 0
    breaks = head.count(b"\n") or head.count(b"\r")
    if not breaks:
        return 1
    return max(1, round(size / (len(head) / breaks)) - 1)
