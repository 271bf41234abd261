"""The fast path for plain e-mail addresses answers exactly as email-validator does."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from talentdesk.core.normalize import normalise_email, plain_email

# Addresses the fast path may answer, with the cases it must leave alone mixed in.
_ATOM = st.one_of(
    st.from_regex(r"[A-Za-z0-9_+-]{1,10}", fullmatch=True),
    st.sampled_from(["Info", "postmaster", "x" * 250, "", "é", "a b", "o'brien"]),
)
_LABEL = st.one_of(
    st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,6}[A-Za-z0-9])?", fullmatch=True),
    st.sampled_from(["xn--bcher-kva", "ab--cd", "-a", "a" * 63, "a" * 64, "test", "local"]),
)
_TLD = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,4}[A-Za-z]|[A-Za-z]", fullmatch=True),
    st.sampled_from(["c0m", "12", "invalid", "localhost", "arpa", "onion", "a-"]),
)
_ADDRESSES = st.builds(
    lambda atoms, labels, tld: f"{'.'.join(atoms)}@{'.'.join([*labels, tld])}",
    st.lists(_ATOM, min_size=1, max_size=3),
    st.lists(_LABEL, max_size=3),
    _TLD,
)

_CLEAN = st.from_regex(
    r"[A-Za-z0-9_+-]{1,8}(\.[A-Za-z0-9_+-]{1,8}){0,2}@([A-Za-z0-9]([A-Za-z0-9-]{0,5}[A-Za-z0-9])?\.)"
    r"{1,3}[A-Za-z0-9]{0,3}[A-Za-z]",
    fullmatch=True,
)


def _library(text: str) -> str | None:
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@settings(max_examples=3000)
@given(st.one_of(_CLEAN, _ADDRESSES, st.text(max_size=30)))
@example("Anna.Kowalska+jobs@Example.COM")
@example("a@b.c")
@example("x@sub.example.test")
def test_the_fast_path_agrees_with_email_validator_wherever_it_answers(text: str) -> None:
    fast = plain_email(text)
    if fast is not None:
        assert fast == _library(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Anna@Example.COM ", "Anna@example.com"),  # the fast path
        ("INFO@example.com", "info@example.com"),  # RFC 2142: the library lower-cases it
        ("łukasz@example.com", "łukasz@example.com"),  # not ASCII: the library
        ("x@xn--bcher-kva.de", "x@bücher.de"),  # Punycode: the library
    ],
)
def test_normalise_email_uses_the_library_where_the_fast_path_does_not_answer(
    text: str, expected: str
) -> None:
    assert normalise_email(text) == expected


@pytest.mark.parametrize("text", ["anna@", "a@localhost.test", "a@b.c0", "a..b@example.com"])
def test_invalid_addresses_are_still_refused(text: str) -> None:
    with pytest.raises(ValueError):
        normalise_email(text)
