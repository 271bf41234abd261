"""Reading a message's headers and snippet tolerantly, and deciding whose timeline it belongs on:
no server needed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import MailAccount, Security
from talentdesk.core.mail.imap.account import IMAP_ACCOUNT, ImapAccount, password_user
from talentdesk.core.mail.imap.match import Sent, targets
from talentdesk.core.mail.imap.parse import parse_headers, snippet

HEADERS = (
    b"Message-ID: <abc@example.com>\r\n"
    b"In-Reply-To: <sent-1@talentdesk.test>\r\n"
    b"References: <old@x> <sent-1@talentdesk.test>\r\n"
    b"From: =?utf-8?q?=C5=81ukasz?= <Lukasz.W@Example.COM>\r\n"
    b"To: Recruiter <me@agency.test>, other@x.test\r\n"
    b"Cc: Zofia <ZOFIA@example.com>\r\n"
    b"Subject: Re: =?utf-8?b?Q3plxZvEhw==?=\r\n"
    b"Date: Fri, 04 Dec 2026 10:15:00 +0100\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
)


def test_headers_are_decoded_and_addresses_lower_case() -> None:
    h = parse_headers(HEADERS)
    assert h.message_id == "<abc@example.com>"
    assert h.answers == ("<sent-1@talentdesk.test>", "<old@x>")
    assert h.sender == "lukasz.w@example.com"
    assert h.recipients == ("me@agency.test", "other@x.test", "zofia@example.com")
    assert h.subject == "Re: Cześć"
    assert h.date == datetime(2026, 12, 4, 9, 15, tzinfo=UTC)
    assert not h.replaced


def test_broken_headers_give_what_can_be_read() -> None:
    h = parse_headers(
        b"From: <<<not an address\r\nDate: yesterday-ish\r\n"
        b"Subject: =?x-unknown-charset?q?caf=E9?=\r\nTo: \r\n"
    )
    assert h.sender is None and h.recipients == ()
    assert h.date is None
    assert h.replaced  # the unknown charset was decoded with replacements
    assert "caf" in h.subject
    # No Message-ID: a stable stand-in, the same for the same message in another folder.
    assert h.message_id.endswith("@no-message-id.talentdesk>")
    assert parse_headers(b"From: <<<not an address\r\nDate: yesterday-ish\r\n").message_id


def test_snippet_prefers_plain_text_drops_quotes_and_is_short() -> None:
    raw = b"Content-Type: text/plain; charset=utf-8\r\n"
    text, lossy = snippet(raw, b"Thanks, sounds good!\r\n\r\n> your old message\r\n" + b"x" * 900)
    assert text.startswith("Thanks, sounds good! xxx")
    assert len(text) == 300 and not lossy


def test_snippet_from_cut_off_multipart_and_html() -> None:
    raw = b'Content-Type: multipart/alternative; boundary="b1"\r\nMIME-Version: 1.0\r\n'
    body = (
        b"--b1\r\nContent-Type: text/html; charset=iso-8859-2\r\n\r\n"
        b"<html><style>p{}</style><p>Dzi\xeaki &amp; do us\xb3yszenia</p></html>\r\n--b1\r\n"
        b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo"
    )
    text, lossy = snippet(raw, body)
    assert text == "Dzięki & do usłyszenia"
    assert not lossy


def test_snippet_in_an_unknown_charset_is_replaced_not_refused() -> None:
    raw = b"Content-Type: text/plain; charset=x-martian\r\n"
    text, lossy = snippet(raw, b"hello \xff there")
    assert text.startswith("hello") and lossy


BOOK = {"lukasz.w@example.com": (1,), "zofia@example.com": (2,), "other@x.test": (3, 4)}
SENT = {"<sent-1@talentdesk.test>": Sent(outbox_id=9, candidate_id=5, pool_id=7)}


def test_a_reply_to_an_outbox_message_is_that_candidates() -> None:
    [target] = targets(parse_headers(HEADERS), False, BOOK, SENT)
    assert (target.candidate_id, target.kind, target.answers) == (
        5,
        InteractionKind.EMAIL_IN,
        SENT["<sent-1@talentdesk.test>"],
    )


def test_incoming_matches_the_sender_outgoing_the_recipients() -> None:
    h = parse_headers(HEADERS)
    [incoming] = targets(h, False, BOOK, {})
    assert (incoming.candidate_id, incoming.kind) == (1, InteractionKind.EMAIL_IN)
    outgoing = targets(h, True, BOOK, SENT, frozenset({"me@agency.test"}))
    assert [(t.candidate_id, t.kind) for t in outgoing] == [
        (3, InteractionKind.EMAIL_OUT),
        (4, InteractionKind.EMAIL_OUT),
        (2, InteractionKind.EMAIL_OUT),
    ]
    # From one of the recruiter's own addresses, in any folder: outgoing.
    mine = frozenset({"lukasz.w@example.com"})
    assert {t.kind for t in targets(h, False, BOOK, {}, mine)} == {InteractionKind.EMAIL_OUT}
    assert targets(parse_headers(b"From: nobody@else.test\r\n"), False, BOOK, {}) == []


def test_account_rules_and_the_shared_password() -> None:
    account = ImapAccount(" imap.example.com ", 993, Security.TLS, "me@agency.test").validated()
    assert account.host == "imap.example.com" and account.folders == ()
    assert IMAP_ACCOUNT.validate(account) == account
    plain = ImapAccount("imap.example.com", 143, Security.PLAIN, "me")
    with pytest.raises(ValidationError, match="only to this computer"):
        plain.validated()
    smtp = MailAccount("IMAP.example.com", 465, Security.TLS, "me@agency.test", "me@agency.test")
    assert password_user(account, smtp) == smtp.keyring_user
    other = MailAccount("smtp.example.com", 465, Security.TLS, "me@agency.test", "me@agency.test")
    assert password_user(account, other) == account.keyring_user


def test_one_part_bodies_in_base64_and_quoted_printable_even_cut_off() -> None:
    b64 = b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
    encoded = b"WmHFvMOzxYLEhyBnxJnFm2zEhSBqYcW6xYQu"  # "Zażółć gęślą jaźń."
    assert snippet(b64, encoded[:30] + b"\r\n") == ("Zażółć gęślą j", False)
    qp = (
        b"Content-Type: text/html; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
    )
    assert snippet(qp, b"<b>Caf=E9</b> =\r\nau lait") == ("Café au lait", False)


def test_folded_and_repeated_headers() -> None:
    h = parse_headers(
        b"Subject: a long\r\n  subject line\r\nFrom: first@example.com\r\n"
        b"From: second@example.com\r\nnot a header line\r\nTo: x@example.com\r\n"
        b"\r\nX-After: the body\r\n"
    )
    assert h.subject == "a long subject line"
    assert h.sender == "first@example.com"
    assert h.recipients == ("x@example.com",)
