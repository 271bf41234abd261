"""Files the user asked for are written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.files import written_whole


def test_the_new_content_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    with written_whole(path) as temp:
        temp.write_text("new")
        assert path.read_text() == "old"  # not yet
    assert path.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_failure_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    with pytest.raises(ValueError, match="half-way"), written_whole(path) as temp:
        temp.write_text("half")
        raise ValueError("half-way")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_folder_that_does_not_exist_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "out.csv"
    with pytest.raises(TalentDeskError) as caught, written_whole(path) as temp:
        temp.write_text("x")
    assert str(path) in caught.value.message
    assert caught.value.hint == "Choose another folder or file name."
