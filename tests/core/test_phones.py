"""Phone numbers as duplicates compare them."""

import pytest

from talentdesk.core.duplicates.phones import e164, region_of


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("+48 601-234-567", None, "+48601234567"),
        ("0048 601 234 567", "Germany", "+48601234567"),  # the prefix wins over the country
        ("601 234 567", "Polska", "+48601234567"),
        ("(030) 1234567", "DE", "+49301234567"),
        ("601 234 567", None, None),  # no prefix, no country: not guessed
        ("601 234 567", "Atlantis", None),
        ("call me", "PL", None),
        ("", "PL", None),
    ],
)
def test_e164(raw: str, country: str | None, expected: str | None) -> None:
    assert e164(raw, country) == expected


def test_region_of_names_and_codes() -> None:
    assert region_of("  the  Netherlands ") == "NL"
    assert region_of("Österreich") == "AT"
    assert region_of("gb") == "GB"
    assert region_of(None) is None
