"""The fast paths of normalize (plain e-mail addresses, LinkedIn profile URLs, ASCII and Latin
sort keys) answer exactly as the general code does."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from talentdesk.core.folding import CURRENT_FOLD
from talentdesk.core.normalize import (
    normalise_email,
    normalise_linkedin_url,
    plain_email,
    sort_key,
)

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


def _sort_key_the_long_way(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(str.maketrans(CURRENT_FOLD)))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


_NAMES = st.text(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x17F),
        st.sampled_from(["\u0301", "\u0307", "İ", "ΐ", "ẞ", "ǅ", "ﬁ", "\u00a0", "Ș", "ț"]),
        st.characters(),
    ),
    max_size=20,
)


@settings(max_examples=3000)
@given(_NAMES)
@example("Łukasz Wiśniewski")
@example("Straße  Œuvre\u00a0İnci")
def test_sort_key_agrees_with_folding_the_whole_text_the_long_way(text: str) -> None:
    assert sort_key(text) == _sort_key_the_long_way(text)


def _linkedin_the_long_way(value: str) -> str | None:
    """normalise_linkedin_url's urlsplit path, as it answers for every address."""
    text = value.strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # "Invalid IPv6 URL"
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not re.match(
        r"^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$", host
    ):
        return None
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    return None if not path or path == "/" else f"https://linkedin.com{path}"


_URLS = st.builds(
    lambda scheme, host, path, tail: f"{scheme}{host}{path}{tail}",
    st.sampled_from(["", "https://", "http://", "HTTPS://", "ftp://", " https://"]),
    st.sampled_from(
        [
            "linkedin.com",
            "www.linkedin.com",
            "pl.linkedin.com",
            "LinkedIn.com",
            "linkedin.com.evil.io",
            "wwwlinkedin.com",
            "abcd.linkedin.com",
        ]
    ),
    st.from_regex(r"(/in/[A-Za-z0-9_.%-]{0,12})?", fullmatch=True),
    st.sampled_from(["", "/", "//", "?trk=x", "#top", "/x", " "]),
)


@settings(max_examples=3000)
@given(st.one_of(_URLS, st.text(max_size=40)))
@example("https://www.linkedin.com/in/anna-kowalska/")
def test_linkedin_fast_path_agrees_with_urlsplit(text: str) -> None:
    try:
        ours: str | None = normalise_linkedin_url(text)
    except ValueError:
        ours = None
    assert ours == _linkedin_the_long_way(text)
