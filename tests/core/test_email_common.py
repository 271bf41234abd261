"""The common non-ASCII addresses (core/email_common.py) answer exactly as email-validator."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES
from hypothesis import example, given, settings
from hypothesis import strategies as st

from talentdesk.core.email_common import common_email
from talentdesk.core.normalize import normalise_email

_NAMES = frozenset(CASE_INSENSITIVE_MAILBOX_NAMES)
_LETTERS = "aZ0_+-.łŁżŻüÜßéÉøØðÞÿŀĳ×÷́ ̈@\"'ΩЖ"  # with a few it must leave to the library
_LOCAL = st.one_of(
    st.text(alphabet=_LETTERS, min_size=0, max_size=12),
    st.sampled_from(["postmaster", "Łukasz", "x" * 250, "ä" * 130, "a..b", ".a", "a."]),
)
_DOMAIN = st.one_of(
    st.sampled_from([
        "example.com", "Example.COM", "przykład.pl", "PRZYKŁAD.PL", "müller.de",
        "xn--bcher-kva.de", "bücher.example.com", "example.invalid", "localhost", "a..b",
        "ab--cd.pl", "ex ample.com", "żabka.pl", "münchen.test", "b" * 64 + ".de", "[1.2.3.4]",
        "xn--zz.pl", "ｅｘａｍｐｌｅ.com", "ǆ.pl", "-a.pl",
    ]),
    st.text(alphabet="abł.-ü", min_size=1, max_size=12),
)  # fmt: skip


def _library(text: str) -> str | None:
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@settings(max_examples=1000)
@given(st.builds(lambda local, domain: f"{local}@{domain}", _LOCAL, _DOMAIN))
@example("łukasz.wiśniewski@example.com")
@example("anna@müller.de")
@example("Zoë.Müller1@Bücher.Example.com")
def test_the_common_path_agrees_with_email_validator_wherever_it_answers(text: str) -> None:
    fast = common_email(text, _NAMES)
    if fast is not None:
        assert fast == _library(text)


@pytest.mark.parametrize(
    "text", ["łukasz.wiśniewski7@example.com", "person2@przykład.pl", "zoë@Müller.DE"]
)
def test_the_common_shapes_are_answered_without_the_whole_library(text: str) -> None:
    assert common_email(text, _NAMES) is not None
    assert normalise_email(text) == _library(text)


@pytest.mark.parametrize("text", ["łukasz@example.invalid", "ł..x@example.com", "ü@-a.pl"])
def test_invalid_non_ascii_addresses_are_refused_with_the_librarys_reason(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        normalise_email(text)
    with pytest.raises(EmailNotValidError) as library:
        validate_email(text, check_deliverability=False)
    assert str(caught.value) == str(library.value)
