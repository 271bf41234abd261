"""An export imported into an empty database gives the same candidates (a property test)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.exporter import ExportOptions, export_candidates
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import CandidateStatus, Seniority, TagCategory
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import START, TravelClock
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻäöüßÄÖÜéèçñøåæœØıİşğ"
# What spreadsheets and CSV trip over: quotes, delimiters, formula starts.
AWKWARD = " '\"-,;.:()/&=+@!?#%*|\\"
FORMULA_LEADS = ("", "", "=", "+", "-", "@", '=HYPERLINK("x")', "'", '"')

FLAVOURS = {
    "plain": ExportOptions(),
    "excel": ExportOptions(excel=True),
    "excel-decimal-comma": ExportOptions(excel=True, decimal_comma=True),
}


def _words(alphabet: str, max_size: int) -> st.SearchStrategy[str]:
    """Text that may begin like a formula or a quoted cell."""
    return st.builds(
        lambda lead, body: lead + body,
        st.sampled_from(FORMULA_LEADS),
        st.text(alphabet, min_size=1, max_size=max_size),
    )


NAMES = _words(LETTERS + AWKWARD, 14).filter(str.strip)  # a blank name is refused
TEXTS = st.none() | _words(LETTERS + AWKWARD + "0123456789", 24)
NOTES = st.none() | _words(LETTERS + AWKWARD + "0123456789\n\t\r", 60)
PHONES = st.none() | st.sampled_from(
    ["+48 600 100 200", "600-100-200", "(22) 123 45 67", "+49 (0)30 1234567", "0048600100200"]
)
# Tag names with ";" (which separates tags in the "Tags" cell) and "\" (which escapes it).
TAG_NAMES = st.text(LETTERS + AWKWARD + "0123456789", min_size=1, max_size=12)
TAGS = st.lists(
    st.builds(TagRef, st.sampled_from(list(TagCategory)), TAG_NAMES),
    max_size=4,
    # One spelling per tag: "Java" and "java" are the same tag in the database.
    unique_by=lambda t: (t.category, t.name.strip().casefold()),
)
LOCAL_PARTS = st.from_regex(r"[A-Za-z0-9_+-]{1,8}(\.[A-Za-z0-9_+-]{1,5})?", fullmatch=True)
DOMAINS = st.sampled_from(["firma.pl", "example.com", "Mail.DE", "uni-wroc.edu.pl"])
SLUGS = st.from_regex(r"[A-Za-z0-9-]{1,12}", fullmatch=True)
LINKEDIN_FORMS = (
    "https://www.linkedin.com/in/{}/",
    "pl.linkedin.com/in/{}?trk=x",
    "linkedin.com/in/{}",
)
AMOUNTS = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)
DATES = st.dates(min_value=date(1940, 1, 1), max_value=date(2099, 12, 31))
BIRTHDAYS = st.dates(min_value=date(1940, 1, 1), max_value=START.date())


@st.composite
def candidate(draw: st.DrawFn, n: int) -> CandidateRecord:
    """The n-th candidate: its e-mails and LinkedIn URL carry n, as the importer rightly
    takes two rows sharing one for the same person. Left at their defaults: the fields the
    export does not carry (relationship, motivators, doubts, competing offers)."""
    low, high = sorted(draw(st.lists(AMOUNTS, min_size=2, max_size=2)))

    def email(kind: str) -> str:
        return f"{draw(LOCAL_PARTS)}.{kind}{n}@{draw(DOMAINS)}"

    return CandidateRecord(
        first_name=draw(NAMES),
        last_name=draw(st.sampled_from(["", "Wiśniewska-Kowalska", "O'Brien"]) | NAMES),
        email=email("p") if draw(st.booleans()) else None,
        other_emails=[email(f"o{i}") for i in range(draw(st.integers(0, 2)))],
        phone=draw(PHONES),
        city=draw(st.none() | st.sampled_from(["Kraków", "Łódź", "München", "Zürich"]) | TEXTS),
        country=draw(TEXTS),
        title=draw(TEXTS),
        company=draw(TEXTS),
        seniority=draw(st.none() | st.sampled_from(list(Seniority))),
        industry=draw(TEXTS),
        linkedin_url=(
            draw(st.sampled_from(LINKEDIN_FORMS)).format(f"{draw(SLUGS)}-{n}")
            if draw(st.booleans())
            else None
        ),
        source=draw(TEXTS),
        status=draw(st.sampled_from(list(CandidateStatus))),
        salary_min=low if draw(st.booleans()) else None,
        salary_max=high if draw(st.booleans()) else None,
        salary_currency=draw(st.none() | st.sampled_from(["PLN", "eur", "USD", "CHF"])),
        notice_period=draw(st.none() | st.sampled_from(["1 month", "3 miesiące", "—"]) | TEXTS),
        available_from=draw(st.none() | DATES),
        birthday=draw(st.none() | BIRTHDAYS),
        notes=draw(NOTES),
        tags=draw(TAGS),
    )


CANDIDATE_LISTS = st.integers(1, 4).flatmap(lambda k: st.tuples(*(candidate(n) for n in range(k))))


def _profiles(ws: Workspace) -> list[CandidateRecord]:
    """Every candidate's profile, without what the database sets (ids, times)."""
    records = [ws.candidates.get(cid) for cid in ws.listing.ids(ListQuery())]
    blanked = [
        replace(r, id=None, created_at=None, updated_at=None, last_contact_at=None) for r in records
    ]
    return sorted(blanked, key=repr)


def _assert_round_trip(records: Sequence[CandidateRecord], options: ExportOptions) -> None:
    """Store `records`, export them, import the file into an empty database, compare."""
    # Fresh folders every call: pytest's function-scoped fixtures would be shared by all
    # of Hypothesis's examples.
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = Workspace.open(AppPaths(folder / "source"), TravelClock())
        target = Workspace.open(AppPaths(folder / "target"), TravelClock())
        try:
            for record in records:
                source.candidates.create(record)
            dest = folder / "export.csv"
            export_candidates(
                source.reader, source.listing.ids(ListQuery()), dest, options, data_dir=source.paths
            )
            layout = sniff(dest)
            report = run_import(
                target.db, dest, layout, ImportOptions(guess_mapping(layout.header)), target.clock
            )
            assert (report.created, report.skipped, report.rejected) == (len(records), 0, [])
            assert _profiles(target) == _profiles(source)
        finally:
            source.close()
            target.close()


@settings(max_examples=30, deadline=None)
@given(records=CANDIDATE_LISTS, flavour=st.sampled_from(list(FLAVOURS)))
def test_an_export_imported_into_an_empty_database_gives_the_same_candidates(
    records: tuple[CandidateRecord, ...], flavour: str
) -> None:
    _assert_round_trip(records, FLAVOURS[flavour])


def test_text_that_starts_with_an_apostrophe_and_a_formula_sign_round_trips() -> None:
    _assert_round_trip([CandidateRecord(first_name="Ola", notes="'-")], ExportOptions())


def test_tag_names_holding_the_separator_and_its_escape_round_trip() -> None:
    tags = [
        TagRef(TagCategory.SKILL, "C; C++"),
        TagRef(TagCategory.CUSTOM, "C:\\temp"),
        TagRef(TagCategory.CUSTOM, "ends with \\"),
        TagRef(TagCategory.CUSTOM, "a\\;b"),
    ]
    _assert_round_trip([CandidateRecord(first_name="Ola", tags=tags)], ExportOptions())
