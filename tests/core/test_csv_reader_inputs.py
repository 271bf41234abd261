"""Inputs that are not CSV files at all: a FIFO (which must never block), a folder, a device;
and encodings that cannot read text."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from talentdesk.core.csvio.reader import CsvReadError, estimate_rows, iter_rows, sniff

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def _without_blocking(call: Callable[[], object], fifo: Path) -> object:
    """`call()`'s result or exception; if it blocks (as reading a FIFO does), the test fails
    instead of hanging: a writer is attached to set the blocked reader free."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except Exception as exc:  # handed to the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # lets a blocked open() return
        os.close(fd)
        worker.join(timeout=10)
        pytest.fail("reading the FIFO blocked")
    return outcome[0]


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "people.csv"
    os.mkfifo(fifo)
    error = _without_blocking(lambda: sniff(fifo), fifo)
    assert isinstance(error, CsvReadError)
    assert error.message == "people.csv cannot be read: it is a pipe (FIFO), not a file."
    assert "save the data to a file first" in error.hint


def test_a_fifo_swapped_in_after_sniffing_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,email\nAnna,a@example.com\n")
    layout = sniff(path)
    path.unlink()
    os.mkfifo(path)
    error = _without_blocking(lambda: list(iter_rows(path, layout)), path)
    assert isinstance(error, CsvReadError)
    assert "it is a pipe (FIFO)" in error.message
    assert _without_blocking(lambda: estimate_rows(path), path) == 0


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "people.csv"
    link.symlink_to(fifo)
    error = _without_blocking(lambda: sniff(link), fifo)
    assert isinstance(error, CsvReadError)
    assert "it is a pipe (FIFO)" in error.message


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("name,email\nAnna,a@example.com\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert [cells for _, cells in iter_rows(link, sniff(link))] == [["Anna", "a@example.com"]]


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CsvReadError) as info:
        sniff(tmp_path)
    assert info.value.message == f"{tmp_path.name} cannot be read: it is a folder, not a file."


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused(device: str) -> None:
    """/dev/zero would read as binary data, and /dev/null as an empty file: both are devices."""
    with pytest.raises(CsvReadError) as info:
        sniff(Path(device))
    assert info.value.message == f"{Path(device).name} cannot be read: it is a device, not a file."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bogus", "“bogus” is not an encoding Python knows."),
        ("hex", "“hex” is not a text encoding that can read a CSV file."),
        ("rot13", "“rot13” is not a text encoding that can read a CSV file."),
        ("base64", "“base64” is not a text encoding that can read a CSV file."),
        ("idna", "“idna” is not a text encoding that can read a CSV file."),
        ("utf-8\x00", "“utf-8\x00” is not an encoding Python knows."),
    ],
)
def test_an_encoding_that_cannot_read_text_is_refused(
    tmp_path: Path, name: str, message: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,email\nAnna,a@example.com\n")
    with pytest.raises(CsvReadError) as info:
        sniff(path, encoding=name)
    assert info.value.message == message
    assert info.value.hint == "Try utf-8, utf-16, cp1250 or cp1252."
    # Named before the file is read: a missing file does not hide the bad name.
    with pytest.raises(CsvReadError, match="encoding"):
        sniff(tmp_path / "missing.csv", encoding=name)
