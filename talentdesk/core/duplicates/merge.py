"""Merging two records of one person into one, and undoing that (`Workspace.merging`).

One operation on the write path: the kept person gets the picked fields, everything of the
other's moves to them (merge_moves.py), the other is deleted and a `candidate_merge` row
remembers it, so asking for the merged-away id later says where they went. Every change is
journalled (merge_steps.py), so `unmerge` puts back exactly what was there.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from sqlalchemy import Table, func, select

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.db.models import (
    Application,
    CandidateEmail,
    Consent,
    Interaction,
    OutboxMessage,
    PoolMembership,
    Reminder,
    candidate_tag,
)
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.duplicates import merge_moves as moves
from talentdesk.core.duplicates.merge_fields import (
    MERGE_FIELDS,
    Side,
    Values,
    checked_picks,
    default_pick,
    display,
    picked_values,
    same,
)
from talentdesk.core.duplicates.merge_records import (
    FieldChoice,
    MergePreview,
    MergeResult,
    MoveCounts,
)
from talentdesk.core.duplicates.merge_reminders import refresh_generated
from talentdesk.core.duplicates.merge_steps import Journal, reverse
from talentdesk.core.errors import ValidationError
from talentdesk.core.normalize import sort_key
from talentdesk.core.ops.changes import Changes


class MergeRefusedError(ValidationError):
    """A merge that cannot be done, said in one sentence."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__({field: problem})
        self.message = problem
        self.args = (problem,)


class MergeService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz  # birthdays fall due at the start of the working day, local time

    def preview(self, keep_id: int, other_id: int) -> MergePreview:
        with self._sessions() as session:
            journal = Journal(session.connection())
            keep, other = _both(journal, keep_id, other_id)
            names = _referrer_names(journal, keep, other)
            fields = [
                FieldChoice(
                    f.key,
                    f.label,
                    display(f, keep, names),
                    display(f, other, names),
                    same(f, keep, other),
                    default_pick(f, keep, other),
                )
                for f in MERGE_FIELDS
            ]
            return MergePreview(
                keep_id=keep_id,
                other_id=other_id,
                keep_name=_name(keep),
                other_name=_name(other),
                keep_updated_at=keep["updated_at"],  # type: ignore[arg-type]
                other_updated_at=other["updated_at"],  # type: ignore[arg-type]
                fields=fields,
                moving=_counts(journal, keep, other),
                shared_pools=_shared(journal, moves.MEMBERSHIP, "pool_id", keep_id, other_id),
                shared_vacancies=_shared(
                    journal, moves.APPLICATION, "vacancy_id", keep_id, other_id
                ),
            )

    @writes("merging candidates")
    def merge(
        self, keep_id: int, other_id: int, picks: Mapping[str, str] | None = None
    ) -> MergeResult:
        """Merge `other_id` into `keep_id`; `picks` says whose value each field keeps
        ("keep" or "other"; a field not named: the newest non-empty)."""
        with self._sessions.begin() as session:
            journal = Journal(session.connection())
            keep, other = _both(journal, keep_id, other_id)
            chosen = checked_picks(picks or {}, keep, other)
            counts = _counts(journal, keep, other)
            now = self._clock()
            merged_name = _name(other)
            _update_kept(journal, keep_id, other_id, picked_values(chosen, keep, other), now)
            _move_everything(journal, keep, other, chosen)
            refresh_generated(journal, keep_id, now, self._tz)
            kept_name = _name(journal.rows(moves.CANDIDATE, moves.CANDIDATE.c.id == keep_id)[0])
            journal.insert(
                moves.INTERACTION,
                [
                    {
                        "candidate_id": keep_id,
                        "kind": InteractionKind.NOTE,
                        "occurred_at": now,
                        "subject": f"Merged with {merged_name}",
                        "body": f"{merged_name} (#{other_id}) was merged into {kept_name}: "
                        f"moved {counts.describe()}.",
                        "created_at": now,
                    }
                ],
            )
            journal.insert(
                moves.MERGE,
                [
                    {
                        "merged_id": other_id,
                        "kept_id": keep_id,
                        "merged_name": merged_name,
                        "merged_at": now,
                    }
                ],
            )
            self._sessions.changed(_everything_about(keep_id, other_id))
            return MergeResult(
                kept_id=keep_id,
                merged_id=other_id,
                kept_name=kept_name,
                merged_name=merged_name,
                picks=chosen,
                moved=counts,
                merged_at=now,
                steps=journal.steps,
            )

    @writes("undoing a merge")
    def unmerge(self, result: MergeResult) -> None:
        """Put both people back exactly as they were before `result`'s merge."""
        with self._sessions.begin() as session:
            reverse(session.connection(), result.steps)  # at new versions
            self._sessions.changed(_everything_about(result.kept_id, result.merged_id))

    def merged_into(self, candidate_id: int) -> tuple[int, str, datetime] | None:
        """(kept id, merged name, when) if `candidate_id` was merged away, else None."""
        with self._sessions() as session:
            found = session.execute(
                select(
                    moves.MERGE.c.kept_id, moves.MERGE.c.merged_name, moves.MERGE.c.merged_at
                ).where(moves.MERGE.c.merged_id == candidate_id)
            ).first()
            return None if found is None else (found[0], found[1], found[2])


def _both(journal: Journal, keep_id: int, other_id: int) -> tuple[Values, Values]:
    if keep_id == other_id:
        raise MergeRefusedError("other", "A person cannot be merged with themself.")
    return _person(journal, keep_id, "keep"), _person(journal, other_id, "other")


def _person(journal: Journal, candidate_id: int, side: str) -> Values:
    found = journal.rows(moves.CANDIDATE, moves.CANDIDATE.c.id == candidate_id)
    if found:
        return found[0]
    merge = journal.rows(moves.MERGE, moves.MERGE.c.merged_id == candidate_id)
    if not merge:
        raise MergeRefusedError(side, f"There is no candidate #{candidate_id}.")
    kept = journal.rows(moves.CANDIDATE, moves.CANDIDATE.c.id == merge[0]["kept_id"])
    into = _name(kept[0]) if kept else f"#{merge[0]['kept_id']}"
    when: datetime = merge[0]["merged_at"]
    raise MergeRefusedError(
        side,
        f"{merge[0]['merged_name'] or f'#{candidate_id}'} was merged into {into} "
        f"on {when:%d %b %Y}.",
    )


def _name(values: Values) -> str:
    return f"{values.get('first_name') or ''} {values.get('last_name') or ''}".strip()


def _update_kept(
    journal: Journal, keep_id: int, other_id: int, values: dict[str, object], now: datetime
) -> None:
    if values.get("referred_by_id") in (keep_id, other_id):  # nobody refers themself
        values["referred_by_id"] = None
    values["sort_name"] = sort_key(f"{values['first_name']} {values['last_name']}")
    values["updated_at"] = now
    values["version"] = moves.CANDIDATE.c.version + 1  # an open form of them is stale now
    journal.rewrite(moves.CANDIDATE, keep_id, values)


def _move_everything(
    journal: Journal, keep: Values, other: Values, picks: Mapping[str, Side]
) -> None:
    keep_id, other_id = int(keep["id"]), int(other["id"])  # type: ignore[call-overload]
    primary = other["email"] if picks.get("email") == "other" else keep["email"]
    spare = [str(a) for a in (keep["email"], other["email"]) if a and a != primary]
    moves.move_emails(journal, keep_id, other_id, primary, spare)  # type: ignore[arg-type]
    moves.move_tags(journal, keep_id, other_id)
    moves.move_memberships(journal, keep_id, other_id)
    moves.move_applications(journal, keep_id, other_id)
    moves.move_reminders(journal, keep_id, other_id)
    for model in (Interaction, Consent, OutboxMessage):
        moves.move_all(journal, model, keep_id, other_id)
    moves.repoint_references(journal, keep_id, other_id)
    moves.carry_dismissals(journal, keep_id, other_id)
    moves.carry_imports(journal, keep_id, other_id)
    moves.delete_other(journal, other_id)


def _counts(journal: Journal, keep: Values, other: Values) -> MoveCounts:
    other_id = int(other["id"])  # type: ignore[call-overload]
    # The other's main address moves unless it is the kept one's, in another letter case.
    primary = str(other["email"] or "").casefold()
    new_primary = bool(primary) and primary != str(keep["email"] or "").casefold()

    def n(model: object) -> int:
        return moves.count_rows(journal, model, other_id)

    return MoveCounts(
        interactions=n(Interaction),
        reminders=n(Reminder),
        pools=n(PoolMembership),
        applications=n(Application),
        tags=n(candidate_tag),
        emails=n(CandidateEmail) + int(new_primary),
        consents=n(Consent),
        outbox=n(OutboxMessage),
    )


def _shared(journal: Journal, t: Table, column: str, keep_id: int, other_id: int) -> int:
    mine = select(t.c[column]).where(t.c.candidate_id == keep_id)
    found = journal.connection.scalar(
        select(func.count())
        .select_from(t)
        .where(t.c.candidate_id == other_id, t.c[column].in_(mine))
    )
    return int(found or 0)


def _referrer_names(journal: Journal, *people: Values) -> dict[int, str]:
    ids = [p["referred_by_id"] for p in people if p.get("referred_by_id") is not None]
    rows = journal.rows(moves.CANDIDATE, moves.CANDIDATE.c.id.in_(ids)) if ids else []
    return {int(r["id"]): _name(r) for r in rows}


def _everything_about(*ids: int) -> Changes:
    return Changes.of(
        ids, candidate_list=True, pools=True, reminders=True, mail=True, vacancies=True
    )
