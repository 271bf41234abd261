"""An import's undo refuses, saying how many, once any of its people was changed since by a
user: each kind of change, the bulk ones included (a tag added in bulk left no dated row, so it
used to go unseen: now every such change stamps `candidate.updated_at`). A bulk action undone
gives the people back as they were: the import can be undone again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportConsent, ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import (
    CandidateStatus,
    ConsentPurpose,
    InteractionKind,
    LegalBasis,
    TagCategory,
)
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.mail.account import MailAccount, Security
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import TagRef
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

JAVA = TagRef(TagCategory.SKILL, "Java")
Change = Callable[[Workspace, int, int], object]  # (ws, the person changed, the import's pool)


def _import(ws: Workspace, tmp_path: Path) -> tuple[int, list[int], int]:
    """An import of three people, with consent and a pool: (its id, the people, the pool)."""
    path = tmp_path / "people.csv"
    path.write_text(
        "First name,Last name,E-mail,Skills\nAnna,Nowak,anna@e.com,Java\n"
        "Piotr,Lis,piotr@e.com,SQL\nEwa,Kot,ewa@e.com,\n",
        encoding="utf-8",
    )
    pool = ws.pools.create("Imported")
    layout = sniff(path)
    options = ImportOptions(
        guess_mapping(layout.header), consent=ImportConsent(source="people.csv"), pool_id=pool
    )
    report = run_import(ws.db, path, layout, options, ws.clock)
    assert report.import_id is not None and report.created == 3
    people = [row[0] for row in ws.reader.execute("SELECT id FROM candidate ORDER BY id")]
    return report.import_id, people, pool


def _second_stage(ws: Workspace, pool: int) -> int:
    return ws.pools.stages(pool)[1].id


def _other_pool(ws: Workspace, who: int, _pool: int) -> object:
    return ws.pools.add_members(ws.pools.create("Java people"), [who])


def _vacancy(ws: Workspace, who: int, _pool: int) -> object:
    return ws.vacancies.add_candidates(ws.vacancies.create(VacancyRecord(title="Dev")), [who])


def _consent_edited(ws: Workspace, who: int, _pool: int) -> object:
    [record] = ws.consent.summary(who).history
    return ws.consent.edit(replace(record, note="checked by phone"))


CHANGES: dict[str, Change] = {
    "bulk tag": lambda ws, who, _p: ws.bulk.tag([who], [TagRef(TagCategory.SKILL, "Kotlin")]),
    "bulk untag": lambda ws, who, _p: ws.bulk.untag([who], [JAVA]),
    "tagged on their own": lambda ws, who, _p: ws.candidates.update(
        who, replace(ws.candidates.get(who), tags=[JAVA, TagRef(TagCategory.SKILL, "Go")])
    ),
    "added to a pool": _other_pool,
    "added to a pool in bulk": lambda ws, who, _p: ws.bulk.add_to_pool(
        [who], ws.pools.create("Bulk pool")
    ),
    "removed from its pool": lambda ws, who, pool: ws.pools.remove_member(pool, who),
    "removed from its pool in bulk": lambda ws, who, pool: ws.bulk.remove_from_pool([who], pool),
    "consent deleted": lambda ws, who, _p: ws.consent.delete(ws.consent.summary(who).history[0].id),
    "stage moved": lambda ws, who, pool: ws.pools.set_stage(pool, who, _second_stage(ws, pool)),
    "stage moved in bulk": lambda ws, who, pool: ws.bulk.move_to_stage(
        [who], pool, _second_stage(ws, pool)
    ),
    "added to a vacancy": _vacancy,
    "interaction logged": lambda ws, who, _p: ws.interactions.log(
        who, InteractionKind.CALL, subject="Call"
    ),
    "touchpoint in bulk": lambda ws, who, _p: ws.bulk.log_touchpoint(
        [who], InteractionKind.CALL, subject="Call"
    ),
    "status in bulk": lambda ws, who, _p: ws.bulk.set_status([who], CandidateStatus.PLACED),
    "consent withdrawn": lambda ws, who, _p: ws.consent.withdraw(who),
    "consent recorded": lambda ws, who, _p: ws.consent.record(
        who, LegalBasis.CONSENT, ConsentPurpose.TALENT_POOL
    ),
    "consent edited": _consent_edited,
    "flagged near-fit": lambda ws, who, pool: ws.pools.set_near_fit(pool, who, True),
    "flagged near-fit in bulk": lambda ws, who, pool: ws.bulk.set_near_fit([who], pool, True),
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_a_person_changed_since_refuses_the_undo(
    ws: Workspace, tmp_path: Path, clock: TravelClock, kind: str
) -> None:
    import_id, people, pool = _import(ws, tmp_path)
    clock.advance(minutes=5)
    assert ws.imports.why_not_undone(import_id) is None
    CHANGES[kind](ws, people[0], pool)
    clock.advance(minutes=5)
    refusal = ws.imports.why_not_undone(import_id) or ""
    assert refusal.startswith("1 person of the 3 the import of people.csv"), refusal
    assert "changed since" in refusal
    with pytest.raises(TalentDeskError, match=r"^1 person of the 3 "):
        ws.imports.undo(import_id)
    assert ws.reader.execute("SELECT count(*) FROM candidate").fetchone() == (3,)


def test_an_e_mail_queued_since_refuses_the_undo(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    import_id, people, _pool = _import(ws, tmp_path)
    clock.advance(minutes=5)
    account = MailAccount("127.0.0.1", 2525, Security.STARTTLS, "me", "me@example.com")
    outbox = ws.outbox()
    hello = Template("Hello", "Hello {{ first_name }}", "Hi {{ first_name }}")
    assert outbox.queue(outbox.plan(hello, people[:2], account)) == 2
    with pytest.raises(TalentDeskError, match=r"^2 people of the 3 .* were changed since"):
        ws.imports.undo(import_id)


def test_two_people_bulk_tagged_are_counted_and_an_undone_bulk_tag_frees_the_import(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    import_id, people, _pool = _import(ws, tmp_path)
    clock.advance(minutes=5)
    tagged = ws.bulk.tag(people[1:], [TagRef(TagCategory.SKILL, "Kotlin")])
    assert "2 people of the 3" in (ws.imports.why_not_undone(import_id) or "")
    ws.bulk.undo(tagged.undo)
    assert ws.imports.why_not_undone(import_id) is None
    assert ws.imports.undo(import_id).removed == 3


def test_a_generated_reminder_deleted_since_refuses_the_undo(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    """A check-in TalentDesk made is no one's work, but deleting it is: it leaves no row."""
    import_id, people, pool = _import(ws, tmp_path)
    clock.advance(days=40)
    ws.pools.set_cadence(pool, 30)  # a check-in for each of the three, none contacted yet
    checkins = dict(
        ws.reader.execute("SELECT candidate_id, id FROM reminder WHERE origin = 'cadence'")
    )
    assert sorted(checkins) == people
    assert ws.imports.why_not_undone(import_id) is None
    ws.reminders.delete(checkins[people[0]])
    clock.advance(minutes=5)
    refusal = ws.imports.why_not_undone(import_id) or ""
    assert refusal.startswith("1 person of the 3 the import of people.csv"), refusal


def test_a_near_fit_flag_undone_in_bulk_frees_the_import(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    import_id, people, pool = _import(ws, tmp_path)
    clock.advance(minutes=5)
    flagged = ws.bulk.set_near_fit(people, pool, True)
    assert "3 people of the 3" in (ws.imports.why_not_undone(import_id) or "")
    ws.bulk.undo(flagged.undo)
    assert ws.imports.why_not_undone(import_id) is None
    assert ws.imports.undo(import_id).removed == 3
