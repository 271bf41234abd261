"""The CLI on odd inputs and bad values: one `error:` line (and a hint), exit code 2, no
traceback; salaries that are not sane are reported per row; the header guess is explained;
rejected rows are written in full."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli


def _refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {message}", result.stderr
    assert len(lines) == 2  # the hint


def _people(tmp_path: Path, text: str = "First Name,Email\nAnna,anna@example.com\n") -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_importing_a_fifo_is_refused_at_once(data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "people.csv"
    os.mkfifo(fifo)
    try:  # the old CLI waited for a writer forever
        result = subprocess.run(
            [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir), "import", str(fifo)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("importing a FIFO blocked")
    _refused(result, "people.csv cannot be read: it is a pipe (FIFO), not a file.")


def test_importing_a_folder_or_a_device_is_refused(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    _refused(
        run_cli("--data-dir", str(data_dir), "import", str(folder)),
        "exports cannot be read: it is a folder, not a file.",
    )
    if Path("/dev/null").exists():
        _refused(
            run_cli("--data-dir", str(data_dir), "import", "/dev/null"),
            "null cannot be read: it is a device, not a file.",
        )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bogus", "“bogus” is not an encoding Python knows."),
        ("hex", "“hex” is not a text encoding that can read a CSV file."),  # was a traceback
    ],
)
def test_an_unknown_encoding_is_refused(
    data_dir: Path, tmp_path: Path, name: str, message: str
) -> None:
    path = _people(tmp_path)
    _refused(run_cli("--data-dir", str(data_dir), "import", "--encoding", name, str(path)), message)


@pytest.mark.parametrize("days", ["0", "-1", "3661", "100000", "1000000000"])
def test_days_out_of_range_are_refused(data_dir: Path, tmp_path: Path, days: str) -> None:
    ics = tmp_path / "due.ics"
    result = run_cli("--data-dir", str(data_dir), "reminders", "--ics", str(ics), "--days", days)
    _refused(result, f"{int(days):,} is not a positive number of days up to 3,660.")
    assert result.stderr.splitlines()[1] == (
        "Choose how many days ahead to export: 1 to 3,660 (about ten years)."
    )
    assert not ics.exists()


def test_the_longest_days_ahead_are_accepted(data_dir: Path, tmp_path: Path) -> None:
    ics = tmp_path / "due.ics"
    result = run_cli("--data-dir", str(data_dir), "reminders", "--ics", str(ics), "--days", "3660")
    assert result.returncode == 0, result.stderr
    assert ics.exists()


@pytest.mark.parametrize("command", [["info"], []])
def test_an_empty_data_dir_is_refused(tmp_path: Path, command: list[str]) -> None:
    """Not the current folder, not the default one: nothing is created anywhere."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("TALENTDESK_DATA_DIR", None)
    work = tmp_path / "cwd"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "talentdesk", "--data-dir", "", *command],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=work,
    )
    _refused(result, "--data-dir is empty.")
    assert list(work.iterdir()) == []
    assert not (tmp_path / "xdg-data").exists()  # the isolated default folder


def test_salaries_that_are_not_sane_are_reported_per_row(data_dir: Path, tmp_path: Path) -> None:
    path = _people(
        tmp_path,
        "First Name,Salary min,Salary max\nAnna,inf,\nBea,NaN,\nCela,,1e308\n"
        f"Dora,{'9' * 400},\nEwa,12000,15000\n",
    )
    result = run_cli("--data-dir", str(data_dir), "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (
        "5 rows: created 5, updated 0, skipped 0, 0 with problems; "
        "4 bad values left out of imported rows"
    ) in result.stdout
    out = result.stdout
    assert "row 1, column “Salary min”: imported without it: “inf” is not an amount" in out
    assert "row 2, column “Salary min”: imported without it: “NaN” is not an amount" in out
    assert (
        "row 3, column “Salary max”: imported without “1e308”: is too large "
        "(use 0 to 9,999,999,999.99)"
    ) in out
    assert "row 4, column “Salary min”: imported without “99999" in out
    exported = tmp_path / "out.csv"
    assert run_cli("--data-dir", str(data_dir), "export", "-o", str(exported)).returncode == 0


def test_skipped_lines_are_named_and_a_doubtful_header_is_explained(
    data_dir: Path, tmp_path: Path
) -> None:
    path = _people(
        tmp_path,
        "Candidates export,2025-01-02\nFirst Name,Email\nAnna,anna@example.com\n"
        "Jan,jan@example.com\n",
    )
    result = run_cli("--data-dir", str(data_dir), "import", "--dry-run", str(path))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if not line.startswith("\r")]
    assert warnings[:3] == [
        "warning: 1 line above the header (line 2) skipped:",
        "  line 1: Candidates export,2025-01-02",
        "warning: Line 1, above the header, has as many cells as the header on line 2: it may "
        "be the header itself, or a row of data.",
    ]
    assert "--header-line N" in result.stderr
    assert "1 line above the header skipped" in result.stdout

    chosen = run_cli(
        "--data-dir",
        str(data_dir),
        "import",
        "--dry-run",
        "--json",
        "--header-line",
        "1",
        str(path),
    )
    payload = json.loads(chosen.stdout)
    assert (payload["header_line"], payload["above_header"], payload["header_warning"]) == (
        1,
        [],
        None,
    )
    assert payload["rows"] == 3  # the real header is now a row, and reported
    assert "warning" not in chosen.stderr

    refused = run_cli("--data-dir", str(data_dir), "import", "--header-line", "9", str(path))
    _refused(
        refused, "The header cannot be on line 9: the header must be on one of the lines 1 to 4."
    )


def test_rejected_rows_are_written_in_full_and_listed_in_json(
    data_dir: Path, tmp_path: Path
) -> None:
    rows = 1_500  # more than the report keeps in memory
    path = _people(
        tmp_path,
        "First Name,Email\n" + "".join(f",not-an-email-{i}\n" for i in range(rows)),
    )
    rejected = tmp_path / "rejected.csv"
    result = run_cli(
        "--data-dir", str(data_dir), "import", "--json", "--rejected", str(rejected), str(path)
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["rejected_count"], len(payload["rejected"])) == (rows, rows)
    assert payload["rejected"][-1]["fields"] == ["", f"not-an-email-{rows - 1}"]
    assert payload["rejected_file"] == str(rejected)
    with rejected.open(newline="", encoding="utf-8-sig") as handle:
        saved = list(csv.reader(handle))
    assert saved[0] == ["First Name", "Email", "problem"]
    assert len(saved) == rows + 1
    assert saved[-1] == [
        "",
        f"not-an-email-{rows - 1}",
        f"row {rows}, First Name: a first or last name is needed",
    ]

    text = run_cli("--data-dir", str(data_dir), "import", "--dry-run", str(path))
    assert f"…and {rows - 20:,} more (see --rejected FILE or --json)" in text.stdout

    onto_itself = run_cli("--data-dir", str(data_dir), "import", "--rejected", str(path), str(path))
    _refused(onto_itself, "--rejected names the file being imported.")
