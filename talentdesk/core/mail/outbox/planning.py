"""Planning a mailing: the template rendered for each recipient, and who is skipped and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentdesk.core.db.models import Candidate, Pool, PoolMembership, PoolStage, Vacancy
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.errors import NotFoundError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.templates import MissingFieldError, Template, check, merge_context, render
from talentdesk.core.privacy import contactable


@dataclass(frozen=True)
class Draft:
    """A message as one recipient will get it."""

    candidate_id: int
    to_name: str
    to_address: str
    subject: str
    text: str
    html: str | None


@dataclass(frozen=True)
class Skipped:
    candidate_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Plan:
    drafts: tuple[Draft, ...]
    skipped: tuple[Skipped, ...]
    pool_id: int | None
    vacancy_id: int | None = None
    feedback: bool = False  # once sent, logged as feedback to the candidate
    template_name: str | None = None  # what the messages were written from (reply rate by it)

    @property
    def not_contacted(self) -> str:
        """ "N not contacted: do not contact / consent withdrawn" ('' when nobody was)."""
        return contactable.not_contacted_summary(s.reason for s in self.skipped)


_CANDIDATE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "title",
    "company",
    "city",
    "country",
    "industry",
)


def make_plan(
    sessions: Sessions,
    template: Template,
    candidate_ids: Sequence[int],
    account: MailAccount,
    pool_id: int | None = None,
    vacancy_id: int | None = None,
    with_html: bool = False,
) -> Plan:
    """Render `template` for each candidate (in the order given, each once) and say who is
    skipped and why. Writes nothing: this is the preview."""
    check(template)
    ids = list(dict.fromkeys(candidate_ids))
    recruiter = {"name": account.sender_name, "email": account.sender_address}
    with sessions() as session:
        candidates = {
            c.id: c for c in session.scalars(select(Candidate).where(Candidate.id.in_(ids)))
        }
        pool, stages = _pool(session, pool_id, ids)
        vacancy = _vacancy(session, vacancy_id)
        blocked = contactable.why_not(session.connection(), ids)
    drafts: list[Draft] = []
    skipped: list[Skipped] = []
    for cid in ids:
        c = candidates.get(cid)
        if c is None:
            skipped.append(Skipped(cid, "", "no longer exists"))
            continue
        name = c.full_name
        if not c.email:
            skipped.append(Skipped(cid, name, "no e-mail address"))
            continue
        if cid in blocked:
            skipped.append(Skipped(cid, name, blocked[cid]))
            continue
        fields = {f: getattr(c, f) for f in _CANDIDATE_FIELDS}
        fields["full_name"] = name
        member_pool = None if pool is None else {**pool, "stage": stages.get(cid)}
        context = merge_context(fields, recruiter, member_pool, vacancy)
        try:
            rendered = render(template, context, account.signature, with_html)
        except MissingFieldError as exc:
            skipped.append(Skipped(cid, name, exc.reason))
            continue
        drafts.append(Draft(cid, name, c.email, rendered.subject, rendered.text, rendered.html))
    # A nameless template is the recruiter's own words.
    named = template.name.strip() or None
    return Plan(tuple(drafts), tuple(skipped), pool_id, vacancy_id, template_name=named)


def _pool(
    session: Session, pool_id: int | None, ids: list[int]
) -> tuple[dict[str, Any] | None, dict[int, str]]:
    if pool_id is None:
        return None, {}
    pool = session.get(Pool, pool_id)
    if pool is None:
        raise NotFoundError("This pool no longer exists.")
    stages = {
        cid: stage
        for cid, stage in session.execute(
            select(PoolMembership.candidate_id, PoolStage.name)
            .join(PoolStage, PoolStage.id == PoolMembership.stage_id)
            .where(PoolMembership.pool_id == pool_id, PoolMembership.candidate_id.in_(ids))
        )
    }
    return {"name": pool.name, "description": pool.description}, stages


def _vacancy(session: Session, vacancy_id: int | None) -> dict[str, Any] | None:
    if vacancy_id is None:
        return None
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFoundError("This vacancy no longer exists.")
    return {"title": vacancy.title, "company": vacancy.company, "location": vacancy.location}
