"""Real-world CSV shapes: encodings, delimiters, preambles, line endings, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from talentdesk.core.csvio.reader import MAX_FIELD, CsvReadError, iter_rows, sniff


def _rows(path: Path) -> list[list[str]]:
    return [cells for _, cells in iter_rows(path, sniff(path))]


def test_linkedin_connections_with_its_notes_preamble(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        (
            'Notes:\r\n"When exporting your connection data, you may notice that some of the\r\n'
            'email addresses are missing."\r\n\r\n'
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            "Anna,Kowalska,https://www.linkedin.com/in/anna-k,,Comarch,Java Dev,26 Nov 2025\r\n"
            "Łukasz,Wiśniewski,https://pl.linkedin.com/in/lw,lw@example.com,ING,QA,01 Jan 2024\r\n"
        ).encode()
    )
    layout = sniff(path)
    assert (layout.encoding, layout.delimiter, layout.header_line) == ("utf-8", ",", 4)
    assert layout.header[0] == "First Name" and layout.header[-1] == "Connected On"
    assert [r[0] for r in _rows(path)] == ["Anna", "Łukasz"]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "excel.txt"
    path.write_bytes("Imię\tNazwisko\tE-mail\r\nŻaneta\tKról\tz@example.com\r\n".encode("utf-16"))
    layout = sniff(path)
    assert (layout.encoding, layout.delimiter) == ("utf-16", "\t")
    assert _rows(path) == [["Żaneta", "Król", "z@example.com"]]


def test_polish_excel_cp1250_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "kandydaci.csv"
    text = "Imię;Nazwisko;Miasto\r\nŁukasz;Wiśniewski;Łódź\r\nZofia;Żółć;Kraków\r\n"
    path.write_bytes(text.encode("cp1250"))
    layout = sniff(path)
    assert layout.delimiter == ";"
    assert layout.encoding == "cp1250"
    assert _rows(path) == [["Łukasz", "Wiśniewski", "Łódź"], ["Zofia", "Żółć", "Kraków"]]
    forced = sniff(path, encoding="cp1250", delimiter=";")
    assert forced.detected_encoding == layout.encoding and forced.encoding == "cp1250"


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_endings_and_quoted_newlines(tmp_path: Path, ending: str) -> None:
    path = tmp_path / "notes.csv"
    text = ending.join(
        ["name|notes", 'Anna|"first line' + ending + 'second ""quoted"" line"', "Jan|short", ""]
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    layout = sniff(path)
    assert (layout.encoding, layout.delimiter) == ("utf-8-sig", "|")
    assert layout.header == ["name", "notes"]
    rows = _rows(path)
    assert rows[0] == ["Anna", f'first line{ending}second "quoted" line']
    assert rows[1] == ["Jan", "short"]


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("First Name,Last Name,Email\n")
    assert sniff(path).header == ["First Name", "Last Name", "Email"]
    assert _rows(path) == []


def test_empty_binary_and_vanished_files_are_refused_clearly(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CsvReadError, match="The file is empty"):
        sniff(empty)
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(CsvReadError, match="binary data"):
        sniff(binary)
    with pytest.raises(CsvReadError, match="cannot be read"):
        sniff(tmp_path / "gone.csv")


def test_fields_up_to_one_mebibyte_and_no_further(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    small, large = "x" * (MAX_FIELD - 10), "y" * (MAX_FIELD + 10)
    path.write_text(f'name,notes\nAnna,"{small}"\nJan,"{large}"\n')
    layout = sniff(path)
    rows = iter_rows(path, layout)
    assert len(next(rows)[1][1]) == MAX_FIELD - 10
    with pytest.raises(CsvReadError, match=r"Row 2 .*larger than 1 MiB"):
        next(rows)


def test_a_wrong_encoding_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"name,city\nAnna,Krakow\n" + "Jan,Łódź\n".encode("cp1250"))
    layout = sniff(path, encoding="utf-8")
    with pytest.raises(CsvReadError, match="Row 2 cannot be read as utf-8"):
        list(iter_rows(path, layout))


def test_western_code_page_is_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "fr.csv"
    path.write_bytes(
        "Prénom;Nom;Ville\nJürgen;Müller;Köln\nHélène;Dubois;Besançon\n".encode("cp1252")
    )
    assert sniff(path).encoding == "cp1252"
    assert _rows(path)[1] == ["Hélène", "Dubois", "Besançon"]
