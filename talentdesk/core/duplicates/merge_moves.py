"""Moving the other person's rows to the kept one, kind by kind, through the journal.

Where both have a row for the same thing, one is kept: a pool both were in keeps the further
stage (near-fit if either was, the earlier join date); a vacancy both applied to keeps the
further application and both histories; an open reminder TalentDesk generated for the same
reason, pool or vacancy stays the kept person's alone (the unique index allows one).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from talentdesk.core.db.base import table_of
from talentdesk.core.db.candidate_versions import bump
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    CandidateEmail,
    CandidateMerge,
    Consent,
    DuplicateDismissal,
    ImportPerson,
    Interaction,
    OutboxMessage,
    PoolMembership,
    PoolStage,
    Reminder,
    VacancyStage,
    candidate_tag,
)
from talentdesk.core.db.models import Candidate as CandidateModel
from talentdesk.core.duplicates.merge_steps import Journal, Row

CANDIDATE = table_of(CandidateModel)
EMAIL = table_of(CandidateEmail)
MEMBERSHIP = table_of(PoolMembership)
APPLICATION = table_of(Application)
HISTORY = table_of(ApplicationStageChange)
REMINDER = table_of(Reminder)
INTERACTION = table_of(Interaction)
CONSENT = table_of(Consent)
OUTBOX = table_of(OutboxMessage)
MERGE = table_of(CandidateMerge)
DISMISSAL = table_of(DuplicateDismissal)
IMPORTED = table_of(ImportPerson)


def move_all(journal: Journal, model: Any, keep_id: int, other_id: int) -> int:
    table = table_of(model)
    ids = [r["id"] for r in journal.rows(table, table.c.candidate_id == other_id)]
    return journal.move(table, "candidate_id", ids, other_id, keep_id)


def move_memberships(journal: Journal, keep_id: int, other_id: int) -> int:
    kept = {r["pool_id"]: r for r in journal.rows(MEMBERSHIP, MEMBERSHIP.c.candidate_id == keep_id)}
    theirs = journal.rows(MEMBERSHIP, MEMBERSHIP.c.candidate_id == other_id)
    position = _positions(journal, table_of(PoolStage), [r["stage_id"] for r in theirs])
    position |= _positions(journal, table_of(PoolStage), [r["stage_id"] for r in kept.values()])
    alone = [r["id"] for r in theirs if r["pool_id"] not in kept]
    journal.move(MEMBERSHIP, "candidate_id", alone, other_id, keep_id)
    for other in (r for r in theirs if r["pool_id"] in kept):
        mine = kept[other["pool_id"]]
        further = other if position[other["stage_id"]] > position[mine["stage_id"]] else mine
        journal.delete([(MEMBERSHIP, [other])])
        journal.rewrite(
            MEMBERSHIP,
            mine["id"],
            {
                "stage_id": further["stage_id"],
                "stage_changed_at": further["stage_changed_at"],
                "near_fit": bool(mine["near_fit"] or other["near_fit"]),
                "added_at": min(mine["added_at"], other["added_at"]),
            },
        )
    return len(theirs)


def move_applications(journal: Journal, keep_id: int, other_id: int) -> int:
    kept = {
        r["vacancy_id"]: r for r in journal.rows(APPLICATION, APPLICATION.c.candidate_id == keep_id)
    }
    theirs = journal.rows(APPLICATION, APPLICATION.c.candidate_id == other_id)
    stages = table_of(VacancyStage)
    position = _positions(journal, stages, [r["stage_id"] for r in [*theirs, *kept.values()]])
    alone = [r["id"] for r in theirs if r["vacancy_id"] not in kept]
    journal.move(APPLICATION, "candidate_id", alone, other_id, keep_id)
    for other in (r for r in theirs if r["vacancy_id"] in kept):
        mine = kept[other["vacancy_id"]]
        if position[other["stage_id"]] > position[mine["stage_id"]]:
            winner, loser = other, mine
        else:
            winner, loser = mine, other
        # The loser's history joins the winner's, then the loser goes (its key freed first).
        moves = journal.rows(HISTORY, HISTORY.c.application_id == loser["id"])
        journal.move(HISTORY, "application_id", [h["id"] for h in moves], loser["id"], winner["id"])
        journal.delete([(APPLICATION, [loser])])
        if winner is other:
            journal.move(APPLICATION, "candidate_id", [other["id"]], other_id, keep_id)
    return len(theirs)


def move_reminders(journal: Journal, keep_id: int, other_id: int) -> int:
    def open_generated_key(row: Row) -> tuple[Any, ...] | None:
        if row["done_at"] is not None or row["origin"] == "manual":
            return None
        return (row["origin"], row["pool_id"] or -(row["vacancy_id"] or 0))

    mine = {
        open_generated_key(r) for r in journal.rows(REMINDER, REMINDER.c.candidate_id == keep_id)
    }
    theirs = journal.rows(REMINDER, REMINDER.c.candidate_id == other_id)
    doubled = [
        r for r in theirs if open_generated_key(r) is not None and open_generated_key(r) in mine
    ]
    journal.delete([(REMINDER, doubled)])
    moving = [r["id"] for r in theirs if r not in doubled]
    journal.move(REMINDER, "candidate_id", moving, other_id, keep_id)
    return len(theirs)


def move_tags(journal: Journal, keep_id: int, other_id: int) -> int:
    """The other's tags added to the kept person (theirs go with them: candidate_tag has no
    update trigger for the search index, so rows are added rather than re-pointed)."""
    mine = {
        r["tag_id"] for r in journal.rows(candidate_tag, candidate_tag.c.candidate_id == keep_id)
    }
    theirs = [
        r["tag_id"] for r in journal.rows(candidate_tag, candidate_tag.c.candidate_id == other_id)
    ]
    journal.insert(
        candidate_tag, [{"candidate_id": keep_id, "tag_id": t} for t in theirs if t not in mine]
    )
    return len(theirs)


def move_emails(
    journal: Journal, keep_id: int, other_id: int, primary: str | None, spare: list[str]
) -> int:
    """Every address either had ends up on the kept person once: `primary` as the primary,
    `spare` (the primaries not picked) and the other's secondaries as secondary addresses."""
    taken = {primary.casefold()} if primary else set()
    mine = journal.rows(EMAIL, EMAIL.c.candidate_id == keep_id)
    journal.delete([(EMAIL, [r for r in mine if r["email"].casefold() in taken])])
    taken |= {r["email"].casefold() for r in mine}
    theirs = journal.rows(EMAIL, EMAIL.c.candidate_id == other_id)
    moving = [r for r in theirs if r["email"].casefold() not in taken]
    journal.move(EMAIL, "candidate_id", [r["id"] for r in moving], other_id, keep_id)
    taken |= {r["email"].casefold() for r in moving}
    added: list[Row] = []
    for address in spare:
        if address and address.casefold() not in taken:
            taken.add(address.casefold())
            added.append({"candidate_id": keep_id, "email": address, "label": None})
    journal.insert(EMAIL, added)
    return len(theirs) + len([a for a in spare if a])


def repoint_references(journal: Journal, keep_id: int, other_id: int) -> None:
    """People the other referred, and people merged into the other earlier, now point at the
    kept one; an old record of the other's own id being merged away (an id reused) goes."""
    referred = journal.rows(
        CANDIDATE, CANDIDATE.c.referred_by_id == other_id, CANDIDATE.c.id != keep_id
    )
    journal.move(CANDIDATE, "referred_by_id", [r["id"] for r in referred], other_id, keep_id)
    bump(journal.connection, [r["id"] for r in referred])  # "Referred by" is on their form
    earlier = journal.rows(MERGE, MERGE.c.kept_id == other_id)
    journal.move(MERGE, "kept_id", [r["merged_id"] for r in earlier], other_id, keep_id)
    journal.delete([(MERGE, journal.rows(MERGE, MERGE.c.merged_id == other_id))])


def carry_dismissals(journal: Journal, keep_id: int, other_id: int) -> None:
    """Someone the recruiter said is not the other person is not the merged one either."""
    involving = (DISMISSAL.c.first_id == other_id) | (DISMISSAL.c.second_id == other_id)
    mine = (DISMISSAL.c.first_id == keep_id) | (DISMISSAL.c.second_id == keep_id)
    pairs = {(r["first_id"], r["second_id"]) for r in journal.rows(DISMISSAL, mine)}
    added: list[Row] = []
    for row in journal.rows(DISMISSAL, involving):
        third = row["second_id"] if row["first_id"] == other_id else row["first_id"]
        pair = (min(keep_id, third), max(keep_id, third))
        if third != keep_id and pair not in pairs:
            pairs.add(pair)
            added.append(
                {"first_id": pair[0], "second_id": pair[1], "dismissed_at": row["dismissed_at"]}
            )
    journal.insert(DISMISSAL, added)


def carry_imports(journal: Journal, keep_id: int, other_id: int) -> None:
    """The imports that brought the other in are the kept person's history too, as having
    updated them (never as having created them: undoing such an import must not delete the
    kept person, and it is refused while it "updated" someone)."""
    mine = {r["import_id"] for r in journal.rows(IMPORTED, IMPORTED.c.candidate_id == keep_id)}
    theirs = journal.rows(IMPORTED, IMPORTED.c.candidate_id == other_id)
    rows = [
        {"candidate_id": keep_id, "import_id": r["import_id"], "created": False}
        for r in theirs
        if r["import_id"] not in mine
    ]
    journal.insert(IMPORTED, rows)


def delete_other(journal: Journal, other_id: int) -> None:
    """The other person with what is left of theirs (their copies of shared tags and
    addresses, dismissed pairs, import links), all kept for the undo."""
    journal.delete(
        [
            (CANDIDATE, journal.rows(CANDIDATE, CANDIDATE.c.id == other_id)),
            (EMAIL, journal.rows(EMAIL, EMAIL.c.candidate_id == other_id)),
            (IMPORTED, journal.rows(IMPORTED, IMPORTED.c.candidate_id == other_id)),
            (candidate_tag, journal.rows(candidate_tag, candidate_tag.c.candidate_id == other_id)),
            (
                DISMISSAL,
                journal.rows(
                    DISMISSAL,
                    (DISMISSAL.c.first_id == other_id) | (DISMISSAL.c.second_id == other_id),
                ),
            ),
        ]
    )


def count_rows(journal: Journal, model: Any, candidate_id: int) -> int:
    table = table_of(model) if not hasattr(model, "c") else model
    found = journal.connection.scalar(
        select(func.count()).select_from(table).where(table.c.candidate_id == candidate_id)
    )
    return int(found or 0)


def _positions(journal: Journal, stages: Any, ids: list[int]) -> dict[int, int]:
    found = journal.connection.execute(
        select(stages.c.id, stages.c.position).where(stages.c.id.in_(ids))
    )
    return {stage_id: position for stage_id, position in found}
