"""Writes the CSV samples in this folder; run once: python tests/data/csv/make_files.py.
The files are committed, so tests never depend on this script; it documents their bytes."""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).parent

LINKEDIN = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting.\r\n"
    'Find out more: https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Anna,Kowalska,https://www.linkedin.com/in/anna-kowalska,,Comarch,Java Developer,"
    "26 Nov 2025\r\n"
    "Łukasz,Wiśniewski,https://www.linkedin.com/in/lwisniewski,lukasz@example.com,"
    '"ING Hubs Poland, Katowice",QA Lead,01 Jan 2024\r\n'
    "Zoë,O'Brien,https://www.linkedin.com/in/zoe-obrien,,,,15 Mar 2023\r\n"
)

EXCEL_UNICODE = (
    "Imię\tNazwisko\tE-mail\tTelefon\r\n"
    "Żaneta\tKról\tzaneta.krol@example.com\t+48 600 100 200\r\n"
    'Jan\tNowak-Śliwa\tjan@example.com\t"+48 601 ""biuro"""\r\n'
)

POLISH_CP1250 = (
    "Imię;Nazwisko;Miasto;Stawka\r\n"
    "Łukasz;Wiśniewski;Łódź;120,50\r\n"
    "Zażółć;Gęślą-Jaźń;Kraków;99,00\r\n"
    "Małgorzata;Żurek;Gdańsk;\r\n"
)

GOOGLE = (
    "Name,Given Name,Additional Name,Family Name,Nickname,Notes,E-mail 1 - Type,"
    "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,"
    "Organization 1 - Title\n"
    "Anna Kowalska,Anna,,Kowalska,,,* Work,anna@example.com,Mobile,+48 600 000 001,"
    "Comarch,Java Developer\n"
    'Piotr Zieliński,Piotr,,Zieliński,Pete,"Met at a meetup.\nFollow up in May.",* Home,'
    "piotr@example.com ::: p.z@example.org,,,,\n"
)

OUTLOOK = (
    '"First Name","Last Name","E-mail Address","Business Phone","Company","Job Title"\r\n'
    '"Maria","Lewandowska","maria@example.com","+48 22 123 45 67","Allegro","Recruiter"\r\n'
    '"Tom","Smith","tom@example.com","","Acme, Inc.","CTO"\r\n'
)

CR_ONLY = "name,email,city\rAnna,anna@example.com,Poznań\rJan,jan@example.com,Wrocław\r"

EMBEDDED = (
    "name,notes,email\n"
    'Anna,"Line one\nLine two, with a comma\n""Quoted"" at the end",anna@example.com\n'
    '"Kowalski, Jan","She said ""hi""",jan@example.com\n'
    "\n"
    'Ewa,"",ewa@example.com\n'
)

PIPE_BOM = "name|email|skills\r\nAnna|anna@example.com|Python, SQL\r\nJan|jan@example.com|\r\n"


def main() -> None:
    (HERE / "linkedin_connections.csv").write_bytes(LINKEDIN.encode("utf-8"))
    (HERE / "excel_unicode_text.txt").write_bytes(b"\xff\xfe" + EXCEL_UNICODE.encode("utf-16-le"))
    (HERE / "polish_excel_cp1250.csv").write_bytes(POLISH_CP1250.encode("cp1250"))
    (HERE / "google_contacts.csv").write_bytes(GOOGLE.encode("utf-8"))
    (HERE / "outlook_contacts.csv").write_bytes(OUTLOOK.encode("cp1252"))
    (HERE / "cr_only.csv").write_bytes(CR_ONLY.encode("utf-8"))
    (HERE / "embedded_newlines_quotes.csv").write_bytes(EMBEDDED.encode("utf-8"))
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "header_only.csv").write_bytes(b"First Name,Last Name,Email\r\n")
    (HERE / "utf8_bom_pipe.csv").write_bytes(b"\xef\xbb\xbf" + PIPE_BOM.encode("utf-8"))
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    noise = random.Random(20240601).randbytes(400)
    (HERE / "image_named.csv").write_bytes(png + noise)


if __name__ == "__main__":
    main()
