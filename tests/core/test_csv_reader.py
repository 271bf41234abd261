"""The CSV reader on real-world samples in tests/data/csv (written by make_files.py there)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from talentdesk.core.csvio import reader
from talentdesk.core.csvio.reader import MAX_FIELD, CsvLayout, CsvReadError, iter_rows, sniff

DATA = Path(__file__).resolve().parents[1] / "data" / "csv"


def _rows(path: Path, layout: CsvLayout | None = None) -> list[tuple[int, list[str]]]:
    return list(iter_rows(path, layout or sniff(path)))


def test_linkedin_connections_skips_the_notes_preamble() -> None:
    path = DATA / "linkedin_connections.csv"
    layout = sniff(path)
    assert layout == CsvLayout(
        "utf-8",
        ",",
        4,  # records: "Notes:", the two-line quoted note, the blank line, then the header
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        "utf-8",
    )
    assert _rows(path) == [
        (1, ["Anna", "Kowalska", "https://www.linkedin.com/in/anna-kowalska", "", "Comarch",
             "Java Developer", "26 Nov 2025"]),
        (2, ["Łukasz", "Wiśniewski", "https://www.linkedin.com/in/lwisniewski",
             "lukasz@example.com", "ING Hubs Poland, Katowice", "QA Lead", "01 Jan 2024"]),
        (3, ["Zoë", "O'Brien", "https://www.linkedin.com/in/zoe-obrien", "", "", "",
             "15 Mar 2023"]),
    ]  # fmt: skip


def test_excel_unicode_text_is_utf16_le_with_bom_and_tabs() -> None:
    path = DATA / "excel_unicode_text.txt"
    assert path.read_bytes()[:2] == b"\xff\xfe"
    layout = sniff(path)
    assert (layout.encoding, layout.detected_encoding, layout.delimiter) == (
        "utf-16",
        "utf-16",
        "\t",
    )
    assert (layout.header_line, layout.header) == (1, ["Imię", "Nazwisko", "E-mail", "Telefon"])
    assert _rows(path) == [
        (1, ["Żaneta", "Król", "zaneta.krol@example.com", "+48 600 100 200"]),
        (2, ["Jan", "Nowak-Śliwa", "jan@example.com", '+48 601 "biuro"']),
    ]


def test_polish_excel_cp1250_with_semicolons_and_decimal_commas() -> None:
    path = DATA / "polish_excel_cp1250.csv"
    layout = sniff(path)
    assert (layout.encoding, layout.detected_encoding, layout.delimiter) == (
        "cp1250",
        "cp1250",
        ";",
    )
    assert layout.header == ["Imię", "Nazwisko", "Miasto", "Stawka"]
    assert _rows(path) == [
        (1, ["Łukasz", "Wiśniewski", "Łódź", "120,50"]),
        (2, ["Zażółć", "Gęślą-Jaźń", "Kraków", "99,00"]),
        (3, ["Małgorzata", "Żurek", "Gdańsk", ""]),
    ]


def test_google_contacts_export() -> None:
    path = DATA / "google_contacts.csv"
    layout = sniff(path)
    assert (layout.encoding, layout.delimiter, layout.header_line) == ("utf-8", ",", 1)
    assert layout.header[0] == "Name"
    assert layout.header[6:] == [
        "E-mail 1 - Type",
        "E-mail 1 - Value",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Organization 1 - Name",
        "Organization 1 - Title",
    ]
    rows = _rows(path)
    assert rows == [
        (1, ["Anna Kowalska", "Anna", "", "Kowalska", "", "", "* Work", "anna@example.com",
             "Mobile", "+48 600 000 001", "Comarch", "Java Developer"]),
        (2, ["Piotr Zieliński", "Piotr", "", "Zieliński", "Pete",
             "Met at a meetup.\nFollow up in May.", "* Home",
             "piotr@example.com ::: p.z@example.org", "", "", "", ""]),
    ]  # fmt: skip


def test_outlook_contacts_with_every_field_quoted() -> None:
    path = DATA / "outlook_contacts.csv"
    layout = sniff(path)
    assert (layout.delimiter, layout.header_line) == (",", 1)
    assert layout.header == [
        "First Name",
        "Last Name",
        "E-mail Address",
        "Business Phone",
        "Company",
        "Job Title",
    ]
    assert _rows(path) == [
        (1, ["Maria", "Lewandowska", "maria@example.com", "+48 22 123 45 67", "Allegro",
             "Recruiter"]),
        (2, ["Tom", "Smith", "tom@example.com", "", "Acme, Inc.", "CTO"]),
    ]  # fmt: skip


def test_cr_only_line_endings() -> None:
    path = DATA / "cr_only.csv"
    assert b"\n" not in path.read_bytes()
    layout = sniff(path)
    assert (layout.encoding, layout.delimiter, layout.header) == (
        "utf-8",
        ",",
        ["name", "email", "city"],
    )
    assert _rows(path) == [
        (1, ["Anna", "anna@example.com", "Poznań"]),
        (2, ["Jan", "jan@example.com", "Wrocław"]),
    ]


def test_embedded_newlines_doubled_quotes_and_blank_records() -> None:
    path = DATA / "embedded_newlines_quotes.csv"
    layout = sniff(path)
    assert (layout.delimiter, layout.header) == (",", ["name", "notes", "email"])
    assert _rows(path) == [
        (1, ["Anna", 'Line one\nLine two, with a comma\n"Quoted" at the end', "anna@example.com"]),
        (2, ["Kowalski, Jan", 'She said "hi"', "jan@example.com"]),
        (3, ["Ewa", "", "ewa@example.com"]),
    ]


def test_utf8_bom_with_pipes() -> None:
    path = DATA / "utf8_bom_pipe.csv"
    layout = sniff(path)
    assert layout == CsvLayout("utf-8-sig", "|", 1, ["name", "email", "skills"], "utf-8-sig")
    assert _rows(path) == [
        (1, ["Anna", "anna@example.com", "Python, SQL"]),
        (2, ["Jan", "jan@example.com", ""]),
    ]


def test_header_only_file_is_not_an_error_and_has_no_rows() -> None:
    path = DATA / "header_only.csv"
    layout = sniff(path)
    assert (layout.header_line, layout.header) == (1, ["First Name", "Last Name", "Email"])
    assert _rows(path) == []


def test_the_sample_files_stay_small() -> None:
    files = [p for p in DATA.iterdir() if p.name != "make_files.py"]
    assert len(files) == 11
    assert all(p.stat().st_size < 5 * 1024 for p in files)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_every_line_ending_with_a_preamble_and_quoted_newlines(tmp_path: Path, ending: str) -> None:
    path = tmp_path / "notes.csv"
    lines = ["Notes:", '"a note' + ending + 'on two lines"', "", "a;b", '1;"x' + ending + 'y"', ""]
    path.write_bytes(ending.join(lines).encode())
    layout = sniff(path)
    assert (layout.delimiter, layout.header_line, layout.header) == (";", 4, ["a", "b"])
    assert _rows(path) == [(1, ["1", f"x{ending}y"])]


# --- overrides -------------------------------------------------------------------------


def test_encoding_override_is_used_and_detection_still_reported() -> None:
    path = DATA / "polish_excel_cp1250.csv"
    layout = sniff(path, encoding="cp1252")
    assert (layout.encoding, layout.detected_encoding) == ("cp1252", "cp1250")
    assert _rows(path, layout)[0] == (1, ["£ukasz", "Wiœniewski", "£ódŸ", "120,50"])


def test_delimiter_override_is_used() -> None:
    path = DATA / "polish_excel_cp1250.csv"
    layout = sniff(path, delimiter=",")
    assert layout.delimiter == ","
    # Read with commas, the first record with two filled fields is the first data row.
    assert (layout.header_line, layout.header) == (2, ["Łukasz;Wiśniewski;Łódź;120", "50"])
    assert _rows(path, layout) == [
        (1, ["Zażółć;Gęślą-Jaźń;Kraków;99", "00"]),
        (2, ["Małgorzata;Żurek;Gdańsk;"]),
    ]
    tabs = sniff(path, delimiter="\t", encoding="cp1250")
    assert (tabs.delimiter, tabs.header) == ("\t", ["Imię;Nazwisko;Miasto;Stawka"])


def test_unknown_encoding_or_delimiter_override_is_refused() -> None:
    with pytest.raises(CsvReadError, match="not an encoding Python knows") as info:
        sniff(DATA / "cr_only.csv", encoding="klingon-8")
    assert "utf-8" in info.value.hint
    with pytest.raises(CsvReadError, match="cannot be used as a delimiter"):
        sniff(DATA / "cr_only.csv", delimiter=":")


# --- detection details -------------------------------------------------------------------


def test_western_text_in_a_code_page_is_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "fr.csv"
    path.write_bytes(
        "Prénom;Nom;Ville\nJürgen;Müller;Köln\nHélène;Dubois;Besançon\n".encode("cp1252")
    )
    assert sniff(path).detected_encoding == "cp1252"


def test_bytes_no_windows_page_reads_fall_back_to_the_detector(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a,b\n\x81x,\x90y\n")  # 0x81 and 0x90 are unassigned in cp1250 and cp1252
    layout = sniff(path)
    assert layout.detected_encoding not in ("utf-8", "cp1250", "cp1252")
    assert layout.header == ["a", "b"]


def test_a_multibyte_character_cut_by_the_sample_is_still_utf8(tmp_path: Path) -> None:
    row = "Łukasz,Wiśniewski,Żółć\n".encode()
    body = row * (reader.SAMPLE_BYTES // len(row) + 10)
    for pad in range(len(row)):  # shift until the sample's last byte splits a character
        data = b"a,b,c" + b"x" * pad + b"\n" + body
        if data[reader.SAMPLE_BYTES] & 0xC0 == 0x80:
            break
    else:
        pytest.fail("no padding splits a character")
    path = tmp_path / "long.csv"
    path.write_bytes(data)
    layout = sniff(path)
    assert (layout.detected_encoding, layout.delimiter) == ("utf-8", ",")
    assert reader._whole_lines(b"ab\xc5") == b"ab"  # no line break: drop the cut character
    assert reader._whole_lines(b"a\xe2\x82") == b"a"
    assert reader._whole_lines(b"a\nb\xc5") == b"a"


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "nobom.csv"
    path.write_bytes("name\temail\nAnna\ta@example.com\n".encode("utf-16-le"))
    layout = sniff(path)
    assert (layout.encoding, layout.delimiter) == ("utf-16-le", "\t")
    assert _rows(path, layout) == [(1, ["Anna", "a@example.com"])]


def test_semicolon_beats_comma_on_a_tie_and_tab_beats_semicolon(tmp_path: Path) -> None:
    path = tmp_path / "tie.csv"
    path.write_text("a,b;c,d\n1,2;3,4\n")  # both give consistent widths: ; is preferred
    assert sniff(path).delimiter == ";"
    path.write_text("a;b\tc;d\n1;2\t3;4\n")
    assert sniff(path).delimiter == "\t"
    path.write_text("a|b,c|d\n1|2,3|4\n")
    assert sniff(path).delimiter == ","


def test_consistency_beats_preference(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("name,notes,email\nAnna,a;b;c,a@x.pl\nJan,d,j@x.pl\nEwa,e;f,e@x.pl\n")
    assert sniff(path).delimiter == ","


def test_trailing_delimiter_on_rows_keeps_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "trailing.csv"
    path.write_text("a,b,c\n1,2,3,\n4,5,6,\n")
    layout = sniff(path)
    assert (layout.header_line, layout.header) == (1, ["a", "b", "c"])
    assert _rows(path, layout) == [(1, ["1", "2", "3", ""]), (2, ["4", "5", "6", ""])]


def test_ragged_rows_are_yielded_and_fields_are_not_stripped(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n 1 ,2,3\n4,5\n6,7,8,9\n,,\n")
    assert _rows(path) == [(1, [" 1 ", "2", "3"]), (2, ["4", "5"]), (3, ["6", "7", "8", "9"])]


def test_a_single_column_file_has_its_first_line_as_header(tmp_path: Path) -> None:
    path = tmp_path / "emails.csv"
    path.write_text("Email\na@example.com\nb@example.com\n")
    layout = sniff(path)
    assert (layout.header, layout.header_line) == (["Email"], 1)
    assert [cells for _, cells in _rows(path, layout)] == [["a@example.com"], ["b@example.com"]]


def test_iter_rows_streams(tmp_path: Path) -> None:
    path = tmp_path / "stream.csv"
    path.write_text("a,b\n1,2\n3,4\n")
    layout = sniff(path)
    rows = iter_rows(path, layout)
    assert next(rows) == (1, ["1", "2"])
    path.write_text("a,b\n1,2\n3,4\n5,6\n")  # a generator: nothing read before asked
    assert next(rows)[0] == 2


# --- field size ----------------------------------------------------------------------------


def test_the_field_limit_is_one_mebibyte_not_unlimited() -> None:
    assert MAX_FIELD == 1024 * 1024
    assert csv.field_size_limit() == MAX_FIELD


def test_fields_up_to_one_mebibyte_and_no_further(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    ok, too_big = "x" * MAX_FIELD, "y" * (MAX_FIELD + 1)
    path.write_text(f'name,notes\nAnna,"{ok}"\nJan,short\nEwa,"{too_big}"\nOla,never\n')
    layout = sniff(path)
    rows = iter_rows(path, layout)
    assert len(next(rows)[1][1]) == MAX_FIELD
    assert next(rows) == (2, ["Jan", "short"])
    with pytest.raises(CsvReadError) as info:
        next(rows)
    assert info.value.message == "Row 3 cannot be read: a field is larger than 1 MiB."
    assert info.value.hint


# --- errors ------------------------------------------------------------------------------


def test_empty_file() -> None:
    with pytest.raises(CsvReadError) as info:
        sniff(DATA / "empty.csv")
    assert info.value.message == "The file is empty."
    assert "header" in info.value.hint


def test_blank_lines_only_is_empty_too(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n \r\n")
    with pytest.raises(CsvReadError, match=r"^The file is empty\."):
        sniff(path)


def test_binary_file_named_csv() -> None:
    with pytest.raises(CsvReadError) as info:
        sniff(DATA / "image_named.csv")
    assert info.value.message == "This does not look like a CSV file (it contains binary data)."
    assert "Export" in info.value.hint


def test_undecodable_row_is_named_with_another_encoding_suggested(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"name,city\nAnna,Krakow\n\nJan,Gdynia\n" + "Ola,Łódź\n".encode("cp1250"))
    layout = sniff(path, encoding="utf-8")
    rows = iter_rows(path, layout)
    assert [next(rows)[0], next(rows)[0]] == [1, 2]
    with pytest.raises(CsvReadError) as info:
        next(rows)
    assert info.value.message == "Row 3 cannot be read as utf-8."
    assert "another encoding" in info.value.hint


def test_truncated_utf16_is_an_encoding_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("a\tb\n1\t2\n".encode("utf-16") + b"3")  # a lone trailing byte
    layout = sniff(path)
    with pytest.raises(CsvReadError, match=r"cannot be read as utf-16"):
        _rows(path, layout)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CsvReadError) as info:
        sniff(tmp_path / "gone.csv")
    assert info.value.message.startswith("gone.csv cannot be read (")
    assert "still exists" in info.value.hint


def test_file_vanishing_after_sniff(tmp_path: Path) -> None:
    path = tmp_path / "soon_gone.csv"
    path.write_text("a,b\n1,2\n")
    layout = sniff(path)
    path.unlink()
    with pytest.raises(CsvReadError, match=r"soon_gone\.csv cannot be read"):
        _rows(path, layout)


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(CsvReadError, match="cannot be read"):
        sniff(tmp_path)
