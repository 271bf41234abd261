"""The automatic mapping looks at a column's values when its header names no field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from talentdesk.core.csvio.column_values import column_kind, value_kind
from talentdesk.core.csvio.mapping import guess_mapping
from tests.integration.conftest import run_cli

ROWS = [
    ["Anna Kowalska", "https://www.linkedin.com/in/anna-k", "anna@firma.pl", "+48 600 100 200"],
    ["Jan Nowak", "pl.linkedin.com/in/jan-nowak/", "jan.nowak@example.com", "(22) 123 45 67"],
    ["Ewa Lis", "", "", "600-100-200"],
]


@pytest.mark.parametrize(
    "header",
    [["Name", "URL", "Contact", "Column 7"], ["Name", "Column 2", "Column 3", "Column 4"]],
)
def test_links_addresses_and_phone_numbers_map_whatever_the_header(header: list[str]) -> None:
    assert guess_mapping(header, "auto", ROWS) == ["full_name", "linkedin_url", "email", "phone"]


def test_without_sample_rows_only_headers_count() -> None:
    assert guess_mapping(["Name", "URL", "Contact", "Column 7"]) == [
        "full_name", "ignore", "ignore", "ignore",
    ]  # fmt: skip


def test_a_header_that_names_a_field_wins_and_no_field_is_given_twice() -> None:
    header = ["Name", "Contact", "E-mail", "Phone", "Mobile 2", "Profile", "LinkedIn"]
    rows = [
        ["Anna K", "anna@home.pl", "anna@work.pl", "anna@odd.pl", "600 100 200",
         "linkedin.com/in/a", "linkedin.com/in/anna"],
    ]  # fmt: skip
    assert guess_mapping(header, "auto", rows) == [
        "full_name",
        "other_emails",  # the e-mail is the "E-mail" column's; more addresses are kept
        "email",
        "phone",  # the header says phone, whatever the values
        "ignore",  # "Mobile 2" looks like a phone, but Phone has the field
        "ignore",  # links, but "LinkedIn" names the field
        "linkedin_url",
    ]


def test_two_unnamed_columns_of_one_kind_do_not_share_the_field() -> None:
    rows = [["A B", "600 100 200", "601 100 200", "a@x.pl", "b@x.pl"]]
    assert guess_mapping(["Name", "c1", "c2", "c3", "c4"], "auto", rows) == [
        "full_name", "phone", "ignore", "email", "other_emails",
    ]  # fmt: skip


def test_a_preset_keeps_its_meaning_of_url() -> None:
    header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Connected On"]
    rows = [["A", "B", "https://www.linkedin.com/in/ab", "", "X", "01 Jan 2024"]]
    assert guess_mapping(header, "linkedin", rows)[2] == "linkedin_url"


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["linkedin.com/in/a", "nope", "linkedin.com/in/b"], "linkedin_url"),  # 2 of 3
        (["linkedin.com/in/a", "nope", "other"], None),  # not mostly
        (["2025-11-26", "26.11.2025", "03/04/2025"], None),  # dates are not phones
        (["18000", "18 000.50", "21000,00"], None),  # salaries neither
        (["123", "4567"], None),  # too short
        (["", " "], None),
        (["48600100200", "+49 30 1234567"], "phone"),
        (["mailto:a@x.pl", "b@y.com"], "email"),
        (["https://www.linkedin.com/company/acme"], None),  # a company page, not a person
    ],
)
def test_what_a_column_is_judged_to_hold(values: list[str], kind: str | None) -> None:
    assert column_kind(values) == kind


def test_a_bare_number_needs_nine_digits_to_be_a_phone() -> None:
    assert value_kind("6001002") is None
    assert value_kind("600-1002") == "phone"
    assert value_kind("600100200") == "phone"


def test_cli_import_maps_a_url_column_of_profile_links(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,URL,Kontakt\n"
        "Anna Kowalska,https://www.linkedin.com/in/anna-k,anna@firma.pl\n"
        "Jan Nowak,pl.linkedin.com/in/jan-nowak,jan@example.com\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "data")
    result = run_cli("--data-dir", data, "import", str(path), "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["mapping"] == {"Name": "full_name", "URL": "linkedin_url", "Kontakt": "email"}
    assert payload["created"] == 2
    found = json.loads(run_cli("--data-dir", data, "search", "anna@firma.pl", "--json").stdout)
    assert found["total"] == 1
