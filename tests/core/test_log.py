"""The log file: written in the data folder, rotated when it grows past its limit."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from talentdesk import log


@pytest.fixture
def clean_root() -> Iterator[None]:
    """No TalentDesk handler during the test (setup_logging adds none while one is there, and
    another test may have left one); the root's handlers are as they were afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        if getattr(handler, "talentdesk", False):
            root.removeHandler(handler)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    for handler in before:
        if handler not in root.handlers:
            root.addHandler(handler)


def test_a_large_log_is_rotated_at_start(tmp_path: Path, clean_root: None) -> None:
    current = tmp_path / "talentdesk.log"
    current.write_bytes(b"x" * (log.MAX_BYTES + 1))
    (tmp_path / "talentdesk.log.1").write_text("older")
    log.setup_logging(tmp_path)
    logging.getLogger("talentdesk.test").info("fresh start")
    assert (tmp_path / "talentdesk.log.2").read_text() == "older"
    assert (tmp_path / "talentdesk.log.1").stat().st_size == log.MAX_BYTES + 1
    assert "fresh start" in current.read_text()
    log.setup_logging(tmp_path)  # a second call adds no second handler
    logging.getLogger("talentdesk.test").info("once")
    assert current.read_text().count("once") == 1
