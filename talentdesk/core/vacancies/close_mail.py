"""The e-mails after a close: a template per outcome, rendered per person with the vacancy's
fields (`{{ vacancy.title }}`), through the ordinary outbox. Not part of the undoable close:
once queued they are the outbox's, as any mailing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from talentdesk.core.db.enums import StageKind
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Outbox, Plan
from talentdesk.core.mail.templates import Template
from talentdesk.core.vacancies.close_records import ClosePlan

# The starter templates a close suggests per outcome.
SUGGESTED_TEMPLATES: dict[StageKind, str] = {
    StageKind.HIRED: "Welcome aboard",
    StageKind.REJECTED: "Feedback after interview",
    StageKind.DECLINED: "Feedback after interview",
    StageKind.WITHDRAWN: "Feedback after interview",
}


@dataclass(frozen=True)
class CloseMail:
    """A plan per outcome that has a template; who is left out and why, across them."""

    plans: dict[StageKind, Plan]

    @property
    def drafts(self) -> int:
        return sum(len(p.drafts) for p in self.plans.values())

    @property
    def skipped(self) -> int:
        return sum(len(p.skipped) for p in self.plans.values())


def plan_close_mail(
    outbox: Outbox,
    account: MailAccount,
    plan: ClosePlan,
    outcomes: Mapping[int, StageKind],
    templates: Mapping[StageKind, Template | None],
    with_html: bool = False,
) -> CloseMail:
    """Render each outcome's template for the people given that outcome (writes nothing: the
    preview). People marked do not contact or without an address are skipped, with why."""
    by_app = {p.application_id: p.candidate_id for p in plan.people}
    plans: dict[StageKind, Plan] = {}
    for kind, template in templates.items():
        if template is None:
            continue
        ids = [by_app[a] for a, k in outcomes.items() if k is kind and a in by_app]
        if ids:
            planned = outbox.plan(
                template, ids, account, vacancy_id=plan.vacancy_id, with_html=with_html
            )
            # Telling someone who was not hired how it went is the feedback they are owed.
            plans[kind] = replace(planned, feedback=kind is not StageKind.HIRED)
    return CloseMail(plans)


def queue_close_mail(outbox: Outbox, mail: CloseMail) -> int:
    """Put every planned message in the outbox; returns how many."""
    return sum(outbox.queue(p) for p in mail.plans.values())
